import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DEFAULT_SUPPRESSION_THRESHOLD, PERIOD_KINDS, type PeriodKind, type ReportRange } from '@workwell/domain';
import { CalendarDate, Identifier } from '../http/request.decorators';
import { problem, ProblemError } from '../http/problem';
import { pagedQuery, QueryInteger, ReadQuery } from '../reads/read.query';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any constructor arguments
type QueryClass = new (...args: any[]) => object;

/** `?from=&to=&suppressBelow=` of the report reads, on the query class of each (the live report, the replay). */
export const withReportRange = <Base extends QueryClass>(base: Base) => {
  class ReportRangeQuery extends base {
    @CalendarDate({ optional: true, description: 'Count only facts dated on or after this London date.' }) from?: string;

    @CalendarDate({ optional: true, description: 'Count only facts dated on or before this London date.' }) to?: string;

    @QueryInteger(0, 1000, {
      default: DEFAULT_SUPPRESSION_THRESHOLD,
      description: 'Breakdown groups with fewer (but some) are shown as suppressed, their figures left out; 0 shows every figure.',
    })
    suppressBelow?: number;
  }
  return ReportRangeQuery;
};

export class EvaluationQuery extends withReportRange(ReadQuery) {
  @Identifier({ optional: true, description: 'One site; all sites (with vanguard and national totals) when absent.' }) siteId?: string;

  @IsOptional()
  @IsIn([...PERIOD_KINDS], { message: `period must be one of ${PERIOD_KINDS.join(', ')}` })
  @ApiPropertyOptional({
    enum: [...PERIOD_KINDS],
    default: 'quarter',
    description: 'Calendar months or quarters, financial-year quarters (`Q3 24/25`, with start targets), or one programme-to-date row.',
  })
  period?: PeriodKind;
}

/** The date range asked for, refused when it ends before it begins. */
export const rangeOf = (query: { readonly from?: string; readonly to?: string }): ReportRange => {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to)
    throw new ProblemError(
      problem(400, 'INVALID_REQUEST', 'Invalid request', 'The range ends before it begins.', {
        errors: [{ field: 'to', message: 'must not be before from' }],
      }),
    );
  return { from: query.from, to: query.to };
};

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
