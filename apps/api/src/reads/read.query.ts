import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Pages past this are refused: the offset they mean would scan the whole read model for nothing. */
export const MAX_PAGE = 100_000;

/**
 * An integer query parameter: plain decimal digits only (`1e300`, `0x10`, ` 7` and `1.0` are
 * refused, not read as numbers), and bounded, so that nothing out of range reaches SQL.
 */
export const QueryInteger = (min: number, max: number, options: { description?: string; default?: number; format?: 'int64' } = {}) =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value)),
    IsInt({ message: '$property must be a whole number written in digits' }),
    Min(min),
    Max(max),
    ApiPropertyOptional({
      type: 'integer',
      ...(options.format ? { format: options.format } : {}),
      minimum: min,
      maximum: max,
      ...(options.default === undefined ? {} : { default: options.default }),
      description: options.description,
    }),
  );

/** Every read may ask to include a write it just made: `?minPosition=<X-Position of the write>`. */
export class ReadQuery {
  @QueryInteger(0, Number.MAX_SAFE_INTEGER, {
    format: 'int64',
    description: 'Wait (up to 5 s) until the read models include this global position, e.g. the X-Position of your last write.',
  })
  minPosition?: number;
}

/** `?page=&pageSize=` for the listing reads; `maxPageSize` differs per listing. */
export const pagedQuery = (defaultPageSize: number, maxPageSize: number) => {
  class PagedQuery extends ReadQuery {
    @QueryInteger(1, MAX_PAGE, { default: 1, description: 'Which page, from 1.' }) page?: number;
    @QueryInteger(1, maxPageSize, { default: defaultPageSize, description: 'How many items a page holds.' }) pageSize?: number;
  }
  return PagedQuery;
};
