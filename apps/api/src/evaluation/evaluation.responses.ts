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
  lostToFollowUp: flag(),
});

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
    siteId: text('`*` for the national total.'),
    periodKind: text(undefined, { enum: ['month', 'quarter'] }),
    period: text('2026-03, or a financial-year quarter such as 2025-Q4.'),
    referrals: ref('ReferralFigures'),
    starts: count(),
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
    asOf: instant(),
    lastPosition: position(),
  }),
  EvaluationReport: object({
    asOf: instant(),
    position: position('The read models position the report includes.'),
    period: text(undefined, { enum: ['month', 'quarter'] }),
    rows: arrayOf(ref('EvaluationRow')),
  }),
  OutcomeRecord: object(
    {
      pseudonym: text('A keyed hash of the participant id: stable, never the internal id.'),
      episode: integer(undefined, { minimum: 1 }),
      siteId: text(),
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
    { month: arrayOf(ref('EvaluationRow')), quarter: arrayOf(ref('EvaluationRow')) },
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
      definitions: mapOf(text(), 'The definitions the figures follow, by measure.'),
    },
    'What an extract holds; its SHA-256 is recorded with the sharing.',
  ),
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
