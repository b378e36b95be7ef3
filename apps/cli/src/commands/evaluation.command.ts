import fs from 'node:fs';
import path from 'node:path';
import { loadSecrets } from '@workwell/config';
import {
  CURVE_GROUPINGS,
  type CurveGrouping,
  type FieldError,
  isIsoDate,
  isValidationFailed,
  sharingPartyProblems,
} from '@workwell/domain';
import {
  type AsOf,
  AsOfError,
  asOfWarnings,
  curvesCsv,
  EmptyExtractError,
  DEFAULT_SUPPRESS_BELOW,
  extractSharingOf,
  ExtractTargetError,
  parseAsOf,
  recordExtractSharing,
  replayCurves,
  replayEvaluation,
  type ReplayProgress,
  survivalChartHtml,
  writeEpisodeExtract,
} from '@workwell/evaluation';
import { type CliCommand, type CliOption, type ParsedArgs, requiredString, THREADS_OPTION, threadsOption, UsageError } from '../command';
import { type EngineSession, estimatedEvents, withEngine } from '../engine-session';
import { endProgress, progressBar, progressLine } from '../progress';

export const AS_OF_OPTION: CliOption = {
  type: 'string',
  value: '<point>',
  description:
    'As known at: a date (2026-03-31: the end of that London day), an instant with its zone, a global position (digits, as printed on a report), or now (the default). Events count by when they were recorded.',
};
export const SITE_OPTION: CliOption = {
  type: 'string',
  value: '<site>',
  description: 'Only this site (without national rows); all sites when absent.',
};

/** One line on stderr when the figures are empty because the as-of point holds nothing. */
export const warnAbout = (basis: { asOf: string; eventsRead: number }): void => {
  for (const warning of asOfWarnings(basis)) process.stderr.write(`warning: ${warning.replace('the as-of point now', '--as-of now')}\n`);
};

export const asOfOf = (parsed: ParsedArgs): AsOf => {
  try {
    return parseAsOf(parsed.values['as-of'] as string | undefined, new Date());
  } catch (error) {
    if (error instanceof AsOfError) throw new UsageError(error.message);
    throw error;
  }
};

export const siteOf = (parsed: ParsedArgs): string | undefined => {
  const site = parsed.values.site as string | undefined;
  if (site !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(site))
    throw new UsageError(`--site must be a site id such as site-01 (got "${site}")`);
  return site;
};

/** `--from` and `--to`: London dates, the range's end not before its start. */
export const rangeOf = (parsed: ParsedArgs): { from?: string; to?: string } => {
  const [from, to] = (['from', 'to'] as const).map((name) => {
    const value = parsed.values[name] as string | undefined;
    if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${name} must be a date, YYYY-MM-DD (got "${value}")`);
    return value;
  });
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--to (${to}) must not be before --from (${from})`);
  return { from, to };
};

export const RANGE_OPTIONS: Readonly<Record<string, CliOption>> = {
  from: { type: 'string', value: '<date>', description: 'Count only facts dated on or after this London date (YYYY-MM-DD).' },
  to: { type: 'string', value: '<date>', description: 'Count only facts dated on or before this London date (YYYY-MM-DD).' },
};

export const SUPPRESS_OPTION: CliOption = {
  type: 'string',
  value: '<n>',
  description:
    'Breakdown groups with fewer than n (but some) are shown as suppressed, their figures left out; 0 shows every figure (default 5).',
};

export const suppressBelowOf = (parsed: ParsedArgs): number => {
  const raw = parsed.values['suppress-below'] as string | undefined;
  if (raw === undefined) return DEFAULT_SUPPRESS_BELOW;
  if (!/^\d{1,6}$/.test(raw)) throw new UsageError(`--suppress-below must be a whole number of starts, 0 or more (got "${raw}")`);
  return Number(raw);
};

export const showProgress = async (verb: string, session: EngineSession) => {
  const estimate = await estimatedEvents(session);
  return (p: ReplayProgress) =>
    progressLine(
      `${verb} ${progressBar(p.eventsRead, estimate)}, ${p.streams.toLocaleString('en-GB')} participants, ${p.eventsPerSecond.toLocaleString('en-GB')} events/s`,
    );
};

/** The replays read the store directly: PostgreSQL through a pool, any other adapter through the port. */
const fieldProblems = (errors: readonly FieldError[]): UsageError =>
  new UsageError(errors.map((e) => `--${e.field === 'agreementReference' ? 'agreement' : e.field} ${e.message}`).join('; '));

export const rethrowAsUsage = (error: unknown): never => {
  if (error instanceof AsOfError || error instanceof ExtractTargetError) throw new UsageError(error.message);
  if (error instanceof EmptyExtractError)
    throw new UsageError(error.message.replace('allow an empty extract explicitly', 'pass --allow-empty'));
  if (isValidationFailed(error)) throw fieldProblems(error.errors);
  throw error;
};

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Rebuild the outcome and evaluation figures exactly as they were known at a past point, from the event store.',
  usage:
    '[--as-of <date|instant|position|now>] [--site <site>] [--from <date>] [--to <date>] [--suppress-below <n>] [--out <file>] [--threads <n>]',
  help: 'Events recorded after the as-of point are left out, even when what they record happened earlier.\nPrints the report (by month, calendar quarter, financial quarter and programme to date, under the site configurations known at the as-of point) as JSON, or writes it to --out; the report names the last event position it includes.',
  options: {
    'as-of': AS_OF_OPTION,
    site: SITE_OPTION,
    ...RANGE_OPTIONS,
    'suppress-below': SUPPRESS_OPTION,
    out: {
      type: 'string',
      value: '<file>',
      description: 'Write the report to this file (written whole, then renamed into place) instead of stdout.',
    },
    threads: THREADS_OPTION,
  },
  run: async (parsed) => {
    const asOf = asOfOf(parsed);
    const siteId = siteOf(parsed);
    const threads = threadsOption(parsed);
    const out = parsed.values.out as string | undefined;
    const range = rangeOf(parsed);
    const suppressBelow = suppressBelowOf(parsed);
    const report = await withEngine(async (session) =>
      replayEvaluation(session.eventStore, asOf, {
        siteId,
        threads,
        ...range,
        suppressBelow,
        onProgress: await showProgress('replayed', session),
      }),
    ).catch(rethrowAsUsage);
    endProgress();
    warnAbout(report);
    const text = `${JSON.stringify(report, null, 2)}\n`;
    if (out === undefined) {
      process.stdout.write(text);
      return 0;
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(`${out}.partial`, text);
    fs.renameSync(`${out}.partial`, out);
    const { month: _month, quarter: _quarter, financialQuarter: _financial, programmeToDate: _toDate, ...basis } = report;
    process.stdout.write(`${JSON.stringify({ ...basis, out })}\n`);
    return 0;
  },
};

export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'Write the pseudonymised participant-episode dataset as known at a point, with its manifest, and record it as a data sharing.',
  usage:
    '--out <dir> --recipient <organisation> --agreement <reference> --shared-by <user> [--as-of <point>] [--site <site>] [--threads <n>]',
  help: `Writes episodes.csv (one row per participant episode) and manifest.json (as-of, last position, rows, SHA-256 of each file, code-list versions, definitions) into an empty directory.\nPseudonyms are an HMAC of the participant id under the evaluator key (WORKWELL_PSEUDONYM_KEY); no name, date of birth, NHS number, contact detail or internal id is written.\nThe same as-of point and key give byte-identical files. The sharing (recipient, agreement, manifest checksum) is recorded before the files are put in place; auditors list them with \`workwell audit extracts\`.`,
  options: {
    out: { type: 'string', value: '<dir>', description: 'A new or empty directory to write the files into.' },
    recipient: { type: 'string', value: '<organisation>', description: 'Who receives the extract, recorded with the sharing.' },
    agreement: { type: 'string', value: '<reference>', description: 'The data sharing agreement it is made under, e.g. DSA-2026-014.' },
    'shared-by': { type: 'string', value: '<user>', description: 'The evaluator who makes and shares it, recorded with the sharing.' },
    'as-of': AS_OF_OPTION,
    site: SITE_OPTION,
    'allow-empty': {
      type: 'boolean',
      description:
        'Write and record the extract even when it holds no rows; without it an empty extract is refused and nothing is recorded.',
    },
    threads: THREADS_OPTION,
  },
  run: async (parsed) => {
    const outDir = requiredString(parsed, 'out');
    const recipient = requiredString(parsed, 'recipient');
    const agreementReference = requiredString(parsed, 'agreement');
    const sharedBy = requiredString(parsed, 'shared-by');
    const partyProblems = sharingPartyProblems(recipient, agreementReference);
    if (partyProblems.length > 0) throw fieldProblems(partyProblems);
    const asOf = asOfOf(parsed);
    const siteId = siteOf(parsed);
    const threads = threadsOption(parsed);
    const result = await withEngine(async (session) => {
      const { pseudonymKey } = loadSecrets(session.config);
      return writeEpisodeExtract(session.eventStore, asOf, {
        outDir,
        pseudonymKey,
        siteId,
        threads,
        allowEmpty: parsed.values['allow-empty'] === true,
        onProgress: await showProgress('extracted', session),
        beforePublish: async (manifest, manifestSha256) => {
          const sharing = await recordExtractSharing(
            session.eventStore,
            extractSharingOf(manifest, manifestSha256, {
              recipient,
              agreementReference,
              occurredAt: new Date().toISOString(),
              sharedBy: { userId: sharedBy, role: 'evaluator', organisation: 'workwell-cli', site: 'national' },
            }),
          );
          progressLine(`recorded the sharing with ${recipient} at position ${sharing.position}`, true);
        },
      });
    }).catch(rethrowAsUsage);
    endProgress();
    const { manifest } = result;
    warnAbout(manifest);
    process.stdout.write(
      `${JSON.stringify({ out: outDir, rows: manifest.rows, asOf: manifest.asOf, lastPosition: manifest.lastPosition, manifestSha256: result.manifestSha256, files: manifest.files.map(({ name, sha256 }) => ({ name, sha256 })), eventsPerSecond: result.eventsPerSecond })}\n`,
    );
    return 0;
  },
};

export const curvesCommand: CliCommand = {
  name: 'curves',
  summary:
    'Kaplan-Meier and cumulative-incidence curves of time from start to the first in-work or job outcome, as CSV and a self-contained HTML chart.',
  usage: '--out <dir> [--by all|cohort|site|source|barrier] [--as-of <point>] [--site <site>] [--suppress-below <n>] [--threads <n>]',
  help: `Episodes without a work outcome are censored at the as-of date; withdrew, moved away and disengaged are competing exits (cumulative incidence).\n--by cohort groups by month of start. Writes curves.csv and curves.html into --out.\n--suppress-below <n> leaves groups of fewer than n starts (default ${DEFAULT_SUPPRESS_BELOW}) out of curves.html, naming them as suppressed; curves.csv keeps every group.`,
  options: {
    out: { type: 'string', value: '<dir>', description: 'The directory to write curves.csv and curves.html into (made if missing).' },
    by: {
      type: 'string',
      value: CURVE_GROUPINGS.join('|'),
      description: 'One pair of curves per group: all (the default), start cohort (month), site, referral source or primary barrier.',
    },
    'as-of': AS_OF_OPTION,
    site: SITE_OPTION,
    'suppress-below': {
      type: 'string',
      value: '<n>',
      description: `Groups of fewer starts than this are left out of curves.html and named as suppressed (default ${DEFAULT_SUPPRESS_BELOW}); curves.csv keeps them all.`,
    },
    threads: THREADS_OPTION,
  },
  run: async (parsed) => {
    const outDir = requiredString(parsed, 'out');
    const suppressBelow = suppressBelowOf(parsed);
    const by = (parsed.values.by as string | undefined) ?? 'all';
    if (!(CURVE_GROUPINGS as readonly string[]).includes(by))
      throw new UsageError(`--by must be one of ${CURVE_GROUPINGS.join(', ')} (got "${by}")`);
    const asOf = asOfOf(parsed);
    const siteId = siteOf(parsed);
    const threads = threadsOption(parsed);
    const result = await withEngine(async (session) =>
      replayCurves(session.eventStore, asOf, {
        by: by as CurveGrouping,
        siteId,
        threads,
        onProgress: await showProgress('replayed', session),
      }),
    ).catch(rethrowAsUsage);
    endProgress();
    warnAbout(result);
    fs.mkdirSync(outDir, { recursive: true });
    const files = { 'curves.csv': curvesCsv(result.curves), 'curves.html': survivalChartHtml(result, { suppressBelow }) };
    for (const [name, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(outDir, `.${name}.partial`), text);
      fs.renameSync(path.join(outDir, `.${name}.partial`), path.join(outDir, name));
    }
    const { curves, ...basis } = result;
    process.stdout.write(
      `${JSON.stringify({ ...basis, out: outDir, files: Object.keys(files), groups: curves.map((curve) => ({ group: curve.group, starts: curve.starts })) })}\n`,
    );
    return 0;
  },
};
