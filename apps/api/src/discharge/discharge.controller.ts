import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DISCHARGE_REASONS } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { DischargeRequest, ReEngageRequest } from './discharge.request';

@ApiTags('journey')
@Controller('participants/:participantId')
export class DischargeController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('discharge')
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Discharge the participant', description: 'With the reason and, if given, a satisfaction rating from 1 to 5.' })
  @WriteResponses()
  discharge(
    @Param() { participantId }: ParticipantParams,
    @Body() body: DischargeRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'DischargeParticipant', () => ({
      occurredAt: body.occurredAt,
      reason: code(DISCHARGE_REASONS, body.reason),
      satisfaction: body.satisfaction ?? null,
    }));
  }

  @Post('re-engagement')
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Re-engage a discharged participant' })
  @WriteResponses()
  reEngage(
    @Param() { participantId }: ParticipantParams,
    @Body() body: ReEngageRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'ReEngageParticipant', async (seal) => ({
      occurredAt: body.occurredAt,
      reason: await seal.optionalText(body.reason),
    }));
  }
}
