import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { QueryInteger } from '../reads/read.query';
import { CURVE_GROUPINGS, DEFAULT_SUPPRESSION_THRESHOLD } from '@workwell/domain';
import { EPISODES_FILE, MANIFEST_FILE } from '@workwell/evaluation';
import { Flag, Identifier, PlainText } from '../http/request.decorators';
import { withReportRange } from './evaluation.query';

const AS_OF =
  'A date (2026-03-31: as known at the end of that London day), an instant with its zone, a global position (digits, as printed on a report), or now (the default).';

const AsOfProperty = () => ApiPropertyOptional({ description: AS_OF, example: '2026-03-31' });

export class ReplayQuery {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^(now|\d{1,16}|\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2}))?)$/, {
    message: 'asOf must be a date (2026-03-31), an instant with its zone (2026-03-31T17:00:00Z), a position (digits) or now',
  })
  @AsOfProperty()
  asOf?: string;

  @Identifier({ optional: true, description: 'One site (without national rows); all sites when absent.' }) siteId?: string;
}

export class ReplayReportQuery extends withReportRange(ReplayQuery) {}

export class MiReturnQuery extends ReplayQuery {
  @IsString()
  @Matches(/^Q[1-4] \d{2}\/\d{2}$/, { message: 'quarter must be a financial-year quarter such as "Q3 24/25"' })
  @ApiProperty({ example: 'Q3 24/25', description: 'The financial-year quarter (April to March) the return is for.' })
  quarter!: string;

  @IsOptional()
  @IsIn(['csv', 'xlsx', 'json'], { message: 'format must be csv, xlsx or json' })
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'json'], default: 'csv', description: 'xlsx: one workbook with a sheet per table.' })
  format?: 'csv' | 'xlsx' | 'json';

  @IsOptional()
  @IsIn(['summary', 'breakdowns', 'wellbeing'], { message: 'table must be summary, breakdowns or wellbeing' })
  @ApiPropertyOptional({ enum: ['summary', 'breakdowns', 'wellbeing'], default: 'summary', description: 'csv: which table.' })
  table?: 'summary' | 'breakdowns' | 'wellbeing';

  @QueryInteger(0, 1000, {
    default: DEFAULT_SUPPRESSION_THRESHOLD,
    description: 'Breakdown groups with fewer (but some) are shown as suppressed.',
  })
  suppressBelow?: number;
}

export class CurvesQuery extends ReplayQuery {
  @IsOptional()
  @IsIn([...CURVE_GROUPINGS], { message: `by must be one of ${CURVE_GROUPINGS.join(', ')}` })
  @ApiPropertyOptional({
    enum: [...CURVE_GROUPINGS],
    default: 'all',
    description: 'cohort: month of start; source: referral source; barrier: primary health barrier.',
  })
  by?: string;

  @IsOptional()
  @IsIn(['json', 'csv', 'html'], { message: 'format must be json, csv or html' })
  @ApiPropertyOptional({ enum: ['json', 'csv', 'html'], default: 'json' })
  format?: 'json' | 'csv' | 'html';

  @QueryInteger(0, 1_000_000, {
    default: 5,
    description: 'html: groups with fewer starts are named as suppressed, their figures left out.',
  })
  suppressBelow?: number;
}

export class ExtractRequest extends ReplayQuery {
  @PlainText({ min: 2, max: 200, example: 'DWP Evaluation Unit', description: 'The organisation receiving the extract.' })
  recipient!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{1,79}$/, {
    message: 'agreementReference must be the data sharing agreement reference (letters, digits, spaces, . _ / -; 2 to 80 characters)',
  })
  @ApiProperty({ example: 'DSA-2026-014', description: 'The data sharing agreement the extract is made under.' })
  agreementReference!: string;

  @Flag({
    optional: true,
    description: 'Make and record the extract even when it holds no rows; otherwise such an extract is refused with 422 EMPTY_EXTRACT.',
  })
  allowEmpty?: boolean;
}

export class ExtractFileParams {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'extractId must be the id an extract was made with',
  })
  @ApiProperty()
  extractId!: string;

  @IsIn([EPISODES_FILE, MANIFEST_FILE], { message: `file must be ${EPISODES_FILE} or ${MANIFEST_FILE}` })
  @ApiProperty({ enum: [EPISODES_FILE, MANIFEST_FILE] })
  file!: string;
}
