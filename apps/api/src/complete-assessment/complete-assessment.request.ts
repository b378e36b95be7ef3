import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional } from 'class-validator';
import { HEALTH_CONDITIONS, INSTRUMENTS, NON_HEALTH_BARRIERS } from '@workwell/domain';
import { Code, Codes, Identifier, Instant, Nested } from '../http/request.decorators';

/** A completed questionnaire: SWEMWBS 7-35, WEMWBS 14-70, ONS4 items 0-10 (no single score), EQ-5D-5L levels with the VAS as score. */
export class MeasureRequest {
  @Code(INSTRUMENTS) instrument!: string;
  @Identifier({ description: 'The instrument version, e.g. 1.0 or UK-English-v2.' }) instrumentVersion!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @ApiProperty({ type: [Number], example: [3, 4, 3, 2, 4, 3, 3] })
  items!: number[];

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @ApiProperty({ type: 'number', nullable: true, example: 22, description: 'The scored value; null for ONS4.' })
  score?: number | null;
}

export class CompleteAssessmentRequest {
  @Instant() occurredAt!: string;
  @Code(HEALTH_CONDITIONS) primaryHealthBarrier!: string;
  @Codes(HEALTH_CONDITIONS, { optional: true }) secondaryHealthBarriers?: string[];
  @Codes(NON_HEALTH_BARRIERS, { optional: true }) nonHealthBarriers?: string[];
  @Nested(() => MeasureRequest, { array: true, max: 8, optional: true }) baselineMeasures?: MeasureRequest[];
}
