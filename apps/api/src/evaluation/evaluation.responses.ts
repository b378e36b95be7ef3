import {
  arrayOf,
  date,
  flag,
  instant,
  integer,
  mapOf,
  nullable,
  number,
  object,
  position,
  ref,
  text,
  type SchemaMap,
  type SchemaObject,
} from '../http/openapi.schemas';

const count = (description?: string) => integer(description, { minimum: 0 });
const mix = (description?: string) => mapOf(count(), description ?? 'Counts by code.');
const withBasis = (properties: Record<string, SchemaObject | ReturnType<typeof ref>>, description: string): SchemaObject => ({
  allOf: [ref('ReplayBasis'), object(properties)],
  description,
});

const checkpointRecord = object({
  checkpoint: text(),
  dueOn: nullable(date()),
  status: nullable(text()),
  hoursPerWeek: nullable(number()),
  observedAt: nullable(instant()),
  recordedAt: nullable(instant()),
  wellbeing: nullable(ref('WellbeingScore')),
  lostToFollowUp: flag(),
});

const PERIOD_KIND_NAMES = ['month', 'quarter', 'financial-quarter', 'programme-to-date'];

const km = object({
  time: number(),
  atRisk: count(),
  events: count(),
  censored: count(),
  survival: number(),
  standardError: nullable(number()),
});
const ci = object(
  {
    time: number(),
    atRisk: count(),
    events: count(),
    competing: count(),
    censored: count(),
    survival: number(),
    eventIncidence: number(),
    competingIncidence: number(),
  },
  { optional: ['competingIncidence'] },
);

/** The evaluators' answers, as published in /openapi.json. */
export const evaluationSchemas: SchemaMap = {
  WellbeingScore: object({ instrument: text(), score: number() }),
  BreakdownGroup: object(
    {
      value: text('The code (or `unknown`, `none`, `not-recorded`).'),
      count: nullable(count()),
      of: nullable(count()),
      rate: nullable(number()),
      suppressed: flag('Fewer than the threshold (but some): the figures are left out, the group is named.'),
    },
    { description: 'One group of a breakdown.' },
  ),
  Breakdown: object(
    {
      measure: text(undefined, { enum: ['referrals', 'starts', 'conversion', 'work-outcome', 'discharges'] }),
      by: text('The dimension, e.g. ethnicity, locality, cohort, discharge-reason.'),
      total: ref('Ratio'),
      groups: arrayOf(ref('BreakdownGroup')),
    },
    { description: 'For mixes the groups share out the total; for rates (conversion, work-outcome) each group has its own denominator.' },
  ),
  WellbeingFigure: object({
    instrument: text(),
    at: text('baseline or a checkpoint.'),
    participants: nullable(count()),
    meanScore: nullable(number()),
    suppressed: flag(),
  }),
  ReferralFigures: object({
    total: count(),
    bySource: mix(),
    triageDecisions: mix('Includes pending.'),
    employmentStatusAtReferral: mix(),
    outOfWorkAtReferral: count(),
    primaryHealthBarrier: mix('Includes not-assessed.'),
    ageBand: mix(),
    sex: mix(),
    ethnicity: mix(),
    disability: mix(),
    imdDecile: mix(),
    onwardReferralsByService: mix(),
    withEmployerLiaison: count(),
  }),
  CohortCheckpointOutcome: object({
    checkpoint: text(),
    starts: count(),
    due: count(),
    reached: count(),
    lostToFollowUp: count(),
    inWork: ref('Ratio'),
    job: ref('Ratio'),
    inWorkOrJobByCheckpoint: ref('Ratio'),
  }),
  EvaluationRow: object({
    siteId: text('The site; the vanguard on a vanguard row; `*` for the national total.'),
    level: text(undefined, { enum: ['site', 'vanguard', 'national'] }),
    periodKind: text(undefined, { enum: PERIOD_KIND_NAMES }),
    period: text('2026-03, a calendar quarter such as 2025-Q4, a financial-year quarter such as Q3 24/25, or programme-to-date.'),
    referrals: ref('ReferralFigures'),
    starts: count(),
    startTarget: nullable(count('Financial quarters and programme to date, where configured.')),
    startsAgainstTarget: nullable(ref('Ratio')),
    conversion: ref('Ratio'),
    cohort: object({
      starts: count(),
      checkpoints: arrayOf(ref('CohortCheckpointOutcome')),
      sustained: ref('Ratio'),
      anyWorkOutcome: ref('Ratio'),
    }),
    satisfaction: ref('Ratio'),
    followUpResponse: ref('Ratio'),
    firstContactStandard: ref('Ratio'),
    signedPlanStandard: ref('Ratio'),
    breakdowns: arrayOf(ref('Breakdown')),
    wellbeing: arrayOf(ref('WellbeingFigure')),
    suppressedBelow: count(),
    asOf: instant(),
    lastPosition: position(),
  }),
  EvaluationReport: object({
    asOf: instant(),
    position: position('The read models position the report includes.'),
    period: text(undefined, { enum: PERIOD_KIND_NAMES }),
    from: nullable(date()),
    to: nullable(date()),
    suppressBelow: count(),
    rows: arrayOf(ref('EvaluationRow')),
  }),
  OutcomeRecord: object(
    {
      pseudonym: text('A keyed hash of the participant id: stable, never the internal id.'),
      episode: integer(undefined, { minimum: 1 }),
      siteId: text(),
      vanguard: text(),
      locality: text(),
      cohort: text(),
      referredAt: instant(),
      referralSource: text(),
      employmentStatusAtReferral: text(),
      triageDecision: text(),
      startedAt: nullable(instant()),
      primaryHealthBarrier: nullable(text()),
      checkpoints: arrayOf(checkpointRecord),
      sustained: nullable(flag()),
      satisfaction: nullable(integer(undefined, { minimum: 1, maximum: 5 })),
      erased: flag(),
      codeLists: arrayOf(text()),
      asOf: instant(),
      lastPosition: position(),
    },
    { description: 'One participant episode, pseudonymised. More coded fields are present: see the domain’s OutcomeRecord.' },
  ),
  OutcomesPage: object(
    {
      asOf: instant(),
      position: position(),
      page: integer(undefined, { minimum: 1 }),
      pageSize: integer(undefined, { minimum: 1 }),
      records: arrayOf(ref('OutcomeRecord')),
      next: nullable(text('Pass as `after` for the next page; null on the last.')),
    },
    { optional: ['page'] },
  ),
  ReplayedReport: withBasis(
    {
      from: nullable(date()),
      to: nullable(date()),
      month: arrayOf(ref('EvaluationRow')),
      quarter: arrayOf(ref('EvaluationRow')),
      financialQuarter: arrayOf(ref('EvaluationRow')),
      programmeToDate: arrayOf(ref('EvaluationRow')),
    },
    'The report as known at the as-of point.',
  ),
  SurvivalCurve: object({ group: text(), starts: count(), kaplanMeier: arrayOf(km), cumulativeIncidence: arrayOf(ci) }),
  ReplayedCurves: withBasis(
    { by: text(), curves: arrayOf(ref('SurvivalCurve')) },
    'Survival curves of time to work as known at the as-of point.',
  ),
  ExtractFile: object({ name: text(), bytes: count(), sha256: text(undefined, { pattern: '^[0-9a-f]{64}$' }) }),
  ExtractManifest: withBasis(
    {
      dataset: text(),
      rows: count(),
      files: arrayOf(ref('ExtractFile')),
      codeListVersions: arrayOf(text()),
      pseudonymKeyFingerprint: text(),
      siteConfigurations: arrayOf(
        object(
          { siteId: text(), vanguard: text(), validFrom: date(), position: position() },
          { description: 'A site configuration known at the as-of point; localities, organisations, schedule and cohorts as recorded.' },
        ),
      ),
      definitions: mapOf(text(), 'The definitions the figures follow, by measure.'),
    },
    'What an extract holds; its SHA-256 is recorded with the sharing.',
  ),
  MiReturn: object(
    {
      quarter: text(undefined, { example: 'Q3 24/25' }),
      asOf: instant(),
      about: arrayOf(arrayOf({ description: 'A label, then its value (text or a number).' }), 'What the return was computed from.'),
      summary: ref('MiReturnTable'),
      breakdowns: ref('MiReturnTable'),
      wellbeing: ref('MiReturnTable'),
    },
    { description: 'The tables of the quarterly MI return.' },
  ),
  MiReturnTable: object({
    name: text(undefined, { enum: ['summary', 'breakdowns', 'wellbeing'] }),
    columns: arrayOf(object({ header: text(), kind: text(undefined, { enum: ['text', 'count', 'percent', 'score'] }) })),
    rows: arrayOf(arrayOf({ description: 'A cell: text, a number, or null.' })),
  }),
  ExtractMade: object(
    {
      id: text(undefined, { format: 'uuid' }),
      manifestSha256: text(undefined, { pattern: '^[0-9a-f]{64}$' }),
      manifest: ref('ExtractManifest'),
      files: arrayOf(object({ name: text(), href: text('Where to download it (same bearer token).') })),
      warnings: arrayOf(text()),
    },
    { optional: ['warnings'] },
  ),
};
