import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Identifier } from '../http/request.decorators';
import { ReadQuery } from '../reads/read.query';

export class EvaluationQuery extends ReadQuery {
  @Identifier({ optional: true, description: 'One site; all sites (with national totals) when absent.' }) siteId?: string;

  @IsOptional()
  @IsIn(['month', 'quarter'], { message: 'period must be month or quarter' })
  @ApiPropertyOptional({ enum: ['month', 'quarter'], default: 'quarter' })
  period?: 'month' | 'quarter';
}

export class OutcomesQuery extends ReadQuery {
  @Identifier({ optional: true }) siteId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @ApiPropertyOptional({ default: 1 })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  pageSize?: number;
}
