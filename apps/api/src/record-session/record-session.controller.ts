import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SESSION_MODES } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { RecordSessionRequest } from './record-session.request';

@ApiTags('journey')
@Controller('participants/:participantId')
export class RecordSessionController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('sessions')
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Record a coaching session' })
  @WriteResponses()
  session(
    @Param() { participantId }: ParticipantParams,
    @Body() body: RecordSessionRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'RecordCoachingSession', async (seal) => ({
      occurredAt: body.occurredAt,
      mode: code(SESSION_MODES, body.mode),
      durationMinutes: body.durationMinutes,
      notes: await seal.optionalText(body.notes),
    }));
  }
}
