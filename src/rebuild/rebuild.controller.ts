import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/roles.js';
import { Problems } from '../http/openapi.js';
import { ProjectionRebuilder, type RebuildResult } from './projection-rebuilder.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class RebuildController {
  constructor(@Inject(ProjectionRebuilder) private readonly rebuilder: ProjectionRebuilder) {}

  @Post('rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Replay the whole log into fresh read tables and swap them in (admin). Reads keep answering meanwhile.',
  })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        events: { type: 'integer' },
        deals: { type: 'integer' },
        caughtUp: { type: 'integer', description: 'Events written during the replay, applied before the swap' },
        seconds: { type: 'number' },
        eventsPerSecond: { type: 'integer' },
        ignoredStreams: {
          type: 'array',
          items: { type: 'string' },
          description:
            'Deal streams left out of the views: opened by an earlier release under the capitalised id of a deal that ' +
            "already had a stream (ids are case-insensitive; the deal's first stream is its own). Their events stay in the log.",
        },
      },
    },
  })
  @Problems(400, 401, 403, 429)
  rebuild(): Promise<RebuildResult> {
    return this.rebuilder.rebuild();
  }
}
