import { CHECKPOINTS, OUTCOME_EMPLOYMENT_STATUSES, OUTCOME_SOURCES } from '@workwell/domain';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MeasureRequest } from '../complete-assessment/complete-assessment.request';
import { Code, Flag, Instant, Nested, WholeNumber } from '../http/request.decorators';

export class RecordOutcomeRequest {
  @Instant({ description: 'When the status was observed (often weeks before it is recorded).' }) occurredAt!: string;
  @Code(CHECKPOINTS) checkpoint!: string;
  @Flag({ description: 'False when the participant could not be reached.' }) reached!: boolean;
  @Code(OUTCOME_EMPLOYMENT_STATUSES, { optional: true, description: 'Required when reached.' }) employmentStatus?: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  hoursPerWeek?: number;

  @Nested(() => MeasureRequest, { optional: true }) wellbeing?: MeasureRequest;
  @Code(OUTCOME_SOURCES, { optional: true, description: 'Required when reached.' }) source?: string;
  @WholeNumber(1, 50, { optional: true, description: 'Required when not reached: how many times the service tried.' }) attempts?: number;
}
