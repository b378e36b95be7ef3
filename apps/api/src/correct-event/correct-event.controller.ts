import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CORRECTION_REASONS, type JourneyEventType } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { CorrectEventRequest } from './correct-event.request';

@ApiTags('journey')
@Controller('participants/:participantId')
export class CorrectEventController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('corrections')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Correct an earlier event',
    description: 'Retracts the event at a version; the original stays in the record. Record the right fact afterwards.',
  })
  @WriteResponses()
  correct(
    @Param() { participantId }: ParticipantParams,
    @Body() body: CorrectEventRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'CorrectEvent', async (seal) => ({
      occurredAt: body.occurredAt,
      correctedVersion: body.correctedVersion,
      correctedType: body.correctedType as JourneyEventType,
      reasonCode: code(CORRECTION_REASONS, body.reasonCode),
      reason: await seal.optionalText(body.reason),
    }));
  }
}
