import path from 'node:path';
import { financialQuarterBounds, isFinancialQuarter } from '@workwell/domain';
import { replayEvaluation } from '@workwell/evaluation';
import { type MiReturnFormat, writeMiReturn } from '@workwell/returns';
import { type CliCommand, requiredString, THREADS_OPTION, threadsOption, UsageError } from '../command';
import { withEngine } from '../engine-session';
import { endProgress } from '../progress';
import {
  AS_OF_OPTION,
  asOfOf,
  rethrowAsUsage,
  showProgress,
  SITE_OPTION,
  siteOf,
  SUPPRESS_OPTION,
  suppressBelowOf,
  warnAbout,
} from './evaluation.command';

const FORMATS: readonly MiReturnFormat[] = ['csv', 'xlsx'];

const formatsOf = (raw: string | undefined): MiReturnFormat[] => {
  const asked = (raw ?? 'csv,xlsx').split(',').map((format) => format.trim());
  const unknown = asked.filter((format) => !FORMATS.includes(format as MiReturnFormat));
  if (unknown.length > 0 || asked.length === 0) throw new UsageError(`--format must be csv, xlsx or csv,xlsx (got "${raw}")`);
  return asked as MiReturnFormat[];
};

export const miReturnCommand: CliCommand = {
  name: 'mi-return',
  summary:
    'Write the quarterly MI return (each site, vanguard and the nation: the quarter against target and the programme to date) as CSV and XLSX.',
  usage: '--quarter "Q3 24/25" --out <dir> [--as-of <point>] [--site <site>] [--format csv,xlsx] [--suppress-below <n>] [--threads <n>]',
  help: "Replayed from the event store as known at the as-of point (default now) under the site configurations known then; the programme to date counts to the quarter's last day.\nWrites mi-return-Q3-24-25-summary.csv, -breakdowns.csv, -wellbeing.csv and mi-return-Q3-24-25.xlsx into --out; every file names the as-of and the last event position it was computed from.",
  options: {
    quarter: {
      type: 'string',
      value: '<"Q3 24/25">',
      description: 'The financial-year quarter (April to March): Q3 24/25 is October to December 2024.',
    },
    out: {
      type: 'string',
      value: '<dir>',
      description: 'The directory to write the files into (made if missing; files of the same quarter are replaced whole).',
    },
    'as-of': AS_OF_OPTION,
    site: SITE_OPTION,
    format: { type: 'string', value: '<csv,xlsx>', description: 'Which files: csv, xlsx, or both (the default).' },
    'suppress-below': SUPPRESS_OPTION,
    threads: THREADS_OPTION,
  },
  run: async (parsed) => {
    const quarter = requiredString(parsed, 'quarter');
    if (!isFinancialQuarter(quarter))
      throw new UsageError(`--quarter must be a financial-year quarter such as "Q3 24/25" (got "${quarter}")`);
    const out = requiredString(parsed, 'out');
    const formats = formatsOf(parsed.values.format as string | undefined);
    const asOf = asOfOf(parsed);
    const siteId = siteOf(parsed);
    const suppressBelow = suppressBelowOf(parsed);
    const threads = threadsOption(parsed);
    const report = await withEngine(async (session) =>
      replayEvaluation(session.eventStore, asOf, {
        siteId,
        threads,
        to: financialQuarterBounds(quarter).last,
        suppressBelow,
        onProgress: await showProgress('replayed', session),
      }),
    ).catch(rethrowAsUsage);
    endProgress();
    warnAbout(report);
    const files = await writeMiReturn(
      path.resolve(out),
      { quarter, rows: [...report.financialQuarter, ...report.programmeToDate], asOf: report.judgedAt, lastPosition: report.lastPosition },
      { formats },
    );
    process.stdout.write(
      `${JSON.stringify({ quarter, asOf: report.asOf, judgedAt: report.judgedAt, lastPosition: report.lastPosition, files })}\n`,
    );
    return 0;
  },
};
