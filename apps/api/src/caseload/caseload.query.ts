import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Identifier } from '../http/request.decorators';
import { pagedQuery } from '../reads/read.query';

export const stages = ['awaiting-triage', 'not-accepted', 'accepted', 'assessed', 'started', 'discharged'] as const;

export class CaseloadQuery extends pagedQuery(50, 200) {
  @Identifier({ optional: true, description: 'Only this coach’s participants.' }) coachId?: string;
  @Identifier({ optional: true, description: 'For national roles: which site (coaches and managers always see their own).' })
  siteId?: string;

  @IsOptional()
  @IsIn([...stages], { message: `stage must be one of ${stages.join(', ')}` })
  @ApiPropertyOptional({ enum: stages })
  stage?: string;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  @ApiPropertyOptional({ description: 'Only participants with something overdue today.' })
  overdue?: boolean;
}
