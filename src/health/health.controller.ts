import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.js';
import { Problems } from '../http/openapi.js';
import { READ_TABLES } from '../rebuild/read-tables.js';

const HEALTH_DEADLINE_MS = 2_000;

function withinMs<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

// Plans a read of every read table and runs none: fails when one of them is missing or unreadable.
const READ_TABLES_READABLE = `SELECT 1 FROM ${READ_TABLES.join(', ')} LIMIT 0`;

/** Liveness plus readiness (the database answers and the read tables the API serves can be read); no key needed. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness and readiness, without a key: the database answers and every read table can be read.',
    description: 'Answers within 2 s even when the database hangs. For load balancers and container health checks.',
    security: [],
  })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['up'] } } },
  })
  @Problems(400, 431)
  async check(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      // A frozen database (or a pool waiting on one) must not hang the probe: load balancers need an answer.
      await withinMs(HEALTH_DEADLINE_MS, this.dataSource.query('SELECT 1'));
    } catch {
      throw new ServiceUnavailableException('The database is not reachable.');
    }
    try {
      await withinMs(HEALTH_DEADLINE_MS, this.dataSource.query(READ_TABLES_READABLE));
    } catch {
      throw new ServiceUnavailableException(
        'The database answers, but the read tables cannot be read: rebuild them (POST /projections/rebuild, or npm run projections:rebuild).',
      );
    }
    return { status: 'ok', database: 'up' };
  }
}
