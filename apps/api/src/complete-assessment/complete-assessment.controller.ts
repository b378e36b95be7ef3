import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HEALTH_CONDITIONS, NON_HEALTH_BARRIERS } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code, codes } from '../http/coding';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { CompleteAssessmentRequest } from './complete-assessment.request';
import { toMeasure } from './measure.mapping';

@ApiTags('journey')
@Controller('participants/:participantId')
export class CompleteAssessmentController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post('assessment')
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record the work and health assessment',
    description: 'Needs an accepted triage and programme-participation consent.',
  })
  @WriteResponses()
  assess(
    @Param() { participantId }: ParticipantParams,
    @Body() body: CompleteAssessmentRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'CompleteAssessment', () => ({
      occurredAt: body.occurredAt,
      primaryHealthBarrier: code(HEALTH_CONDITIONS, body.primaryHealthBarrier),
      secondaryHealthBarriers: codes(HEALTH_CONDITIONS, body.secondaryHealthBarriers),
      nonHealthBarriers: codes(NON_HEALTH_BARRIERS, body.nonHealthBarriers),
      baselineMeasures: (body.baselineMeasures ?? []).map(toMeasure),
    }));
  }
}
