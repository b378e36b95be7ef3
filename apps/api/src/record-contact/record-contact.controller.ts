import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CONTACT_METHODS, CONTACT_OUTCOMES, EMPLOYMENT_STATUSES, SESSION_MODES } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { ContactAttemptRequest, FirstAppointmentRequest } from './record-contact.request';

@ApiTags('journey')
@Controller('participants/:participantId')
export class RecordContactController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('contact-attempts')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record a contact attempt',
    description: 'Reached, no answer or declined; the first one counts for the 2-working-day standard.',
  })
  @WriteResponses()
  attempt(
    @Param() { participantId }: ParticipantParams,
    @Body() body: ContactAttemptRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'RecordContactAttempt', () => ({
      occurredAt: body.occurredAt,
      method: code(CONTACT_METHODS, body.method),
      outcome: code(CONTACT_OUTCOMES, body.outcome),
    }));
  }

  @Post('first-appointment')
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Record the first appointment', description: 'With the employment status at the first appointment.' })
  @WriteResponses()
  firstAppointment(
    @Param() { participantId }: ParticipantParams,
    @Body() body: FirstAppointmentRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'RecordFirstAppointment', () => ({
      occurredAt: body.occurredAt,
      mode: code(SESSION_MODES, body.mode),
      employmentStatus: code(EMPLOYMENT_STATUSES, body.employmentStatus),
    }));
  }
}
