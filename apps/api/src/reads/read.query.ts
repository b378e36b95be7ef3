import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Every read may ask to include a write it just made: `?minPosition=<X-Position of the write>`. */
export class ReadQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read models include this global position, e.g. the X-Position of your last write.' })
  minPosition?: number;
}
