import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ParticipantParams } from '../participant/participant.params';

export class ConsentReceiptParams extends ParticipantParams {
  @Type(() => Number)
  @IsInt({ message: 'version must be the stream version of the consent (a whole number)' })
  @Min(1)
  @Max(1_000_000)
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The stream version of the consent given or withdrawn (as on the timeline).' })
  version!: number;
}

export class ConsentReceiptQuery {
  @IsOptional()
  @IsIn(['json', 'html'], { message: 'format must be json or html' })
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json', description: 'html: a page to give or send the participant.' })
  format?: 'json' | 'html';
}
