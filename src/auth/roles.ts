import { SetMetadata } from '@nestjs/common';
import type { Role } from '../config/config.js';

export const REQUIRED_ROLE = 'requiredRole';
export const PUBLIC_ROUTE = 'publicRoute';

/** The lowest role a route needs; without it, GETs need `viewer` and any other method `analyst`. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** Operations endpoints (health, docs) that answer without a key. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export const roleAllows = (held: Role, needed: Role) => RANK[held] >= RANK[needed];
