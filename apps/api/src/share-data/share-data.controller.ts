import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DATA_CATEGORIES, LAWFUL_BASES, RECIPIENT_KINDS, SHARING_PURPOSES } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code, codes } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { ShareDataRequest } from './share-data.request';

@ApiTags('consent')
@Controller('participants/:participantId')
export class ShareDataController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('data-sharings')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record a data sharing',
    description:
      'Needs a lawful basis; where the basis is consent (always, for employers and Jobcentre work coaches) the consent of that scope must be active at the time. Otherwise 422 SHARING_BLOCKED, and the attempt is recorded.',
  })
  @WriteResponses()
  share(
    @Param() { participantId }: ParticipantParams,
    @Body() body: ShareDataRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'ShareData', () => ({
      occurredAt: body.occurredAt,
      sharingId: body.sharingId ?? randomUUID(),
      recipient: { kind: code(RECIPIENT_KINDS, body.recipient.kind), reference: body.recipient.reference },
      purpose: code(SHARING_PURPOSES, body.purpose),
      dataCategories: codes(DATA_CATEGORIES, body.dataCategories),
      lawfulBasis: code(LAWFUL_BASES, body.lawfulBasis),
    }));
  }
}
