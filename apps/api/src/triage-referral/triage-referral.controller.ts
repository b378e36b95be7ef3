import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TRIAGE_DECISIONS } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { TriageReferralRequest } from './triage-referral.request';

@ApiTags('journey')
@Controller('participants/:participantId')
export class TriageReferralController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('triage')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Triage a referral',
    description: 'Accepted, not eligible or redirected; an accepted referral names its coach.',
  })
  @WriteResponses()
  triage(
    @Param() { participantId }: ParticipantParams,
    @Body() body: TriageReferralRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'TriageReferral', async (seal) => ({
      occurredAt: body.occurredAt,
      decision: code(TRIAGE_DECISIONS, body.decision),
      eligibility: { ...body.eligibility },
      reason: await seal.optionalText(body.reason),
      assignedCoachId: body.assignedCoachId ?? null,
    }));
  }
}
