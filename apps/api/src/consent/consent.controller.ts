import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CONSENT_METHODS, CONSENT_SCOPES } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { GiveConsentRequest, WithdrawConsentRequest } from './consent.request';

@ApiTags('consent')
@Controller('participants/:participantId/consents')
export class ConsentController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post()
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Record consent given for one scope' })
  @WriteResponses()
  give(
    @Param() { participantId }: ParticipantParams,
    @Body() body: GiveConsentRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'GiveConsent', () => ({
      occurredAt: body.occurredAt,
      scope: code(CONSENT_SCOPES, body.scope),
      method: code(CONSENT_METHODS, body.method),
      evidenceReference: body.evidenceReference ?? null,
      expiresAt: body.expiresAt ?? null,
    }));
  }

  @Post('withdrawals')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record consent withdrawn for one scope',
    description: 'Stops future sharing under that scope; what was shared before stays recorded as it was.',
  })
  @WriteResponses()
  withdraw(
    @Param() { participantId }: ParticipantParams,
    @Body() body: WithdrawConsentRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'WithdrawConsent', async (seal) => ({
      occurredAt: body.occurredAt,
      scope: code(CONSENT_SCOPES, body.scope),
      method: code(CONSENT_METHODS, body.method),
      reason: await seal.optionalText(body.reason),
    }));
  }
}
