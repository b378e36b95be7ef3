import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class SubjectAccessQuery {
  @IsOptional()
  @IsIn(['json', 'html'], { message: 'format must be json or html' })
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json', description: 'html: a self-contained document to give the person.' })
  format?: 'json' | 'html';
}
