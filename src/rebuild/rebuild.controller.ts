import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/roles.js';
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
      },
    },
  })
  rebuild(): Promise<RebuildResult> {
    return this.rebuilder.rebuild();
  }
}
