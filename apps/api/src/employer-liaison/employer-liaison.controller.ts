import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DATA_CATEGORIES, LIAISON_TOPICS } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code, codes } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { EmployerLiaisonRequest } from './employer-liaison.request';

@ApiTags('consent')
@Controller('participants/:participantId')
export class EmployerLiaisonController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('employer-liaisons')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record a liaison with the employer',
    description:
      'Only with employer-liaison consent active at the time it happened; otherwise 422 SHARING_BLOCKED and the blocked attempt is recorded for auditors.',
  })
  @WriteResponses()
  liaise(
    @Param() { participantId }: ParticipantParams,
    @Body() body: EmployerLiaisonRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'RecordEmployerLiaison', async (seal) => ({
      occurredAt: body.occurredAt,
      liaisonId: body.liaisonId ?? randomUUID(),
      employerId: body.employerId,
      topic: code(LIAISON_TOPICS, body.topic),
      dataCategories: codes(DATA_CATEGORIES, body.dataCategories),
      notes: await seal.optionalText(body.notes),
    }));
  }
}
