import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every read may ask to include a write it just made: `?minPosition=<X-Position of the write>`. */
export class ReadQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({
    description: 'Wait (up to 5 s) until the read models include this global position, e.g. the X-Position of your last write.',
  })
  minPosition?: number;
}

/** `?page=&pageSize=` for the listing reads; `maxPageSize` differs per listing. */
export const pagedQuery = (defaultPageSize: number, maxPageSize: number) => {
  class PagedQuery extends ReadQuery {
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
    @Max(maxPageSize)
    @ApiPropertyOptional({ default: defaultPageSize, maximum: maxPageSize })
    pageSize?: number;
  }
  return PagedQuery;
};
