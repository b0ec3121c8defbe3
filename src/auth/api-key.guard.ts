import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../config/config.js';
import { type ApiKeyIdentity, ApiKeysService } from './api-keys.service.js';
import { PUBLIC_ROUTE, REQUIRED_ROLE, roleAllows } from './roles.js';

export type AuthenticatedRequest = Request & { apiKey?: ApiKeyIdentity };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const identity = this.authenticate(request.headers.authorization);
    // HEAD is a GET without its body: a read.
    const read = request.method === 'GET' || request.method === 'HEAD';
    const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? (read ? 'viewer' : 'analyst');
    if (!roleAllows(identity.role, needed)) {
      throw new ForbiddenException(`This needs the ${needed} role; the key "${identity.name}" is ${identity.role}.`);
    }
    request.apiKey = identity;
    return true;
  }

  private authenticate(header: string | undefined): ApiKeyIdentity {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('An API key is required: Authorization: Bearer <key>.');
    const identity = this.keys.identify(match[1]);
    if (!identity) throw new UnauthorizedException('The API key is not valid.');
    return identity;
  }
}
