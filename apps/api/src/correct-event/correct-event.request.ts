import { IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CORRECTION_REASONS, JOURNEY_EVENT_TYPES } from '@workwell/domain';
import { Code, FreeText, Instant, WholeNumber } from '../http/request.decorators';

export class CorrectEventRequest {
  @Instant() occurredAt!: string;
  @WholeNumber(1, 1_000_000, { description: "The corrected event's version in the participant's stream (from the timeline)." })
  correctedVersion!: number;

  @IsIn([...JOURNEY_EVENT_TYPES], { message: `correctedType must be one of ${JOURNEY_EVENT_TYPES.join(', ')}` })
  @ApiProperty({
    enum: [...JOURNEY_EVENT_TYPES],
    description: 'Must match the event at that version: a guard against pointing at the wrong one.',
  })
  correctedType!: string;

  @Code(CORRECTION_REASONS) reasonCode!: string;
  @FreeText({ optional: true }) reason?: string;
}
