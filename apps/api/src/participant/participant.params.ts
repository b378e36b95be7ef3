import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ParticipantParams {
  @IsUUID('all', { message: 'participantId must be a UUID' })
  @ApiProperty({ format: 'uuid' })
  participantId!: string;
}
