import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CHECKPOINTS, OUTCOME_EMPLOYMENT_STATUSES, OUTCOME_SOURCES, ValidationFailed, type OutcomeRecordedData } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { toMeasure } from '../complete-assessment/measure.mapping';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { RecordOutcomeRequest } from './record-outcome.request';

const result = (body: RecordOutcomeRequest): OutcomeRecordedData['result'] => {
  if (!body.reached) {
    if (body.attempts === undefined || body.attempts === null)
      throw new ValidationFailed([{ field: 'attempts', message: 'is required when the participant was not reached' }]);
    return { reached: false, attempts: body.attempts };
  }
  const missing = (['employmentStatus', 'source'] as const).filter((field) => body[field] === undefined || body[field] === null);
  if (missing.length > 0)
    throw new ValidationFailed(missing.map((field) => ({ field, message: 'is required when the participant was reached' })));
  return {
    reached: true,
    employmentStatus: code(OUTCOME_EMPLOYMENT_STATUSES, body.employmentStatus!),
    hoursPerWeek: body.hoursPerWeek ?? null,
    wellbeing: body.wellbeing ? toMeasure(body.wellbeing) : null,
    source: code(OUTCOME_SOURCES, body.source!),
  };
};

@ApiTags('journey')
@Controller('participants/:participantId')
export class RecordOutcomeController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('outcomes')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record an outcome at a checkpoint',
    description: 'Only after a start or a discharge; one per checkpoint unless the earlier one is corrected.',
  })
  @WriteResponses()
  outcome(
    @Param() { participantId }: ParticipantParams,
    @Body() body: RecordOutcomeRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'RecordOutcome', () => ({
      occurredAt: body.occurredAt,
      checkpoint: code(CHECKPOINTS, body.checkpoint),
      result: result(body),
    }));
  }
}
