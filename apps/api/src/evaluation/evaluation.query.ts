import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { Identifier } from '../http/request.decorators';
import { pagedQuery, ReadQuery } from '../reads/read.query';

export class EvaluationQuery extends ReadQuery {
  @Identifier({ optional: true, description: 'One site; all sites (with national totals) when absent.' }) siteId?: string;

  @IsOptional()
  @IsIn(['month', 'quarter'], { message: 'period must be month or quarter' })
  @ApiPropertyOptional({ enum: ['month', 'quarter'], default: 'quarter' })
  period?: 'month' | 'quarter';
}

export class OutcomesQuery extends pagedQuery(100, 1000) {
  @Identifier({ optional: true }) siteId?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{40,400}$/, { message: "after must be the 'next' of a previous page" })
  @ApiPropertyOptional({
    description:
      'The `next` of the previous page: walks every episode at the same cost per page (numbered pages skip all the rows before them). Not with `page`.',
  })
  after?: string;
}
