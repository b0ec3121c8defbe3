import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from './api-key.guard.js';
import type { ApiKeyIdentity } from './api-keys.service.js';
import { Problems } from '../http/openapi.js';

/** Who the key is: a screen signs in with it and shows the write forms only to a role that may write. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The API key sent: its name (the actor of the events it posts) and its role.' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      required: ['name', 'role'],
      properties: { name: { type: 'string', example: 'desk' }, role: { type: 'string', enum: ['viewer', 'analyst', 'admin'] } },
    },
  })
  @Problems(400, 401)
  whoAmI(@Req() req: AuthenticatedRequest): ApiKeyIdentity {
    const { name, role } = req.apiKey!;
    return { name, role };
  }
}
