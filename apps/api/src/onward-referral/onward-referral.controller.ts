import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DATA_CATEGORIES, LAWFUL_BASES, ONWARD_REFERRAL_OUTCOMES, ONWARD_SERVICES } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code, codes } from '../http/coding';
import { Identifier } from '../http/request.decorators';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { MakeOnwardReferralRequest, OnwardReferralOutcomeRequest } from './onward-referral.request';

export class OnwardReferralParams extends ParticipantParams {
  @Identifier()
  @ApiProperty()
  onwardReferralId!: string;
}

@ApiTags('journey')
@Controller('participants/:participantId/onward-referrals')
export class OnwardReferralController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post()
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Refer the participant on to another service',
    description:
      'Data sent with it needs a lawful basis; consent must be active when that basis is consent (otherwise 422 and the attempt is recorded).',
  })
  @WriteResponses()
  refer(
    @Param() { participantId }: ParticipantParams,
    @Body() body: MakeOnwardReferralRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'MakeOnwardReferral', () => ({
      occurredAt: body.occurredAt,
      onwardReferralId: body.onwardReferralId ?? randomUUID(),
      service: code(ONWARD_SERVICES, body.service),
      dataShared: body.dataShared
        ? {
            dataCategories: codes(DATA_CATEGORIES, body.dataShared.dataCategories),
            lawfulBasis: code(LAWFUL_BASES, body.dataShared.lawfulBasis),
          }
        : null,
    }));
  }

  @Post(':onwardReferralId/outcome')
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Record what came of an onward referral' })
  @WriteResponses()
  outcome(
    @Param() { participantId, onwardReferralId }: OnwardReferralParams,
    @Body() body: OnwardReferralOutcomeRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'RecordOnwardReferralOutcome', () => ({
      occurredAt: body.occurredAt,
      onwardReferralId,
      outcome: code(ONWARD_REFERRAL_OUTCOMES, body.outcome),
    }));
  }
}
