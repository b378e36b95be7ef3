import { londonDateOf } from '../calendar/uk-local-time.calendar';
import { ONWARD_SERVICES } from '../code-lists/support.code-lists';
import type { Checkpoint } from '../journey/exit.events';
import type { IsoInstant } from '../shared/iso-time.values';
import type { OutcomeRecord } from './outcome-record.types';
import type { TimeToWorkObservation } from './time-to-work.report';

/** Bumped whenever a column is added, removed, renamed or changes meaning. */
// 2: vanguard, locality, delivery organisation, cohort, financial quarters, referring organisation,
// primary non-health barrier, wellbeing at baseline and at each checkpoint.
export const EPISODE_EXTRACT_FORMAT = 'workwell-episodes/2';

/** Every checkpoint a site schedule may follow: one fixed set of columns whatever the sites' schedules. */
const SCHEDULED_CHECKPOINTS: readonly Checkpoint[] = ['12-weeks', '26-weeks', '6-months', '52-weeks'];

type Cell = string | number | boolean | null;

const dateOf = (instant: IsoInstant | null): string | null => (instant === null ? null : londonDateOf(instant));

const columnName = (code: string): string => code.replace(/-/g, '_');

const checkpointColumns = SCHEDULED_CHECKPOINTS.flatMap((checkpoint) =>
  ['due_on', 'status', 'observed_on', 'hours_per_week', 'wellbeing_score', 'lost_to_follow_up'].map(
    (field) => `checkpoint_${columnName(checkpoint)}_${field}`,
  ),
);

/** The columns of the participant-episode file, in order. Dates are London calendar dates; codes are the code lists' codes. */
export const EPISODE_EXTRACT_COLUMNS: readonly string[] = [
  'pseudonym',
  'episode',
  'site_id',
  'vanguard',
  'locality',
  'delivery_organisation',
  'cohort',
  'referral_date',
  'referral_month',
  'referral_quarter',
  'referral_financial_quarter',
  'referral_source',
  'referring_organisation',
  'employment_status_at_referral',
  'out_of_work_at_referral',
  'fit_note_held',
  'age_band',
  'sex',
  'ethnicity',
  'disability',
  'imd_decile',
  'triage_decision',
  'first_contact_date',
  'first_contact_within_2_working_days',
  'first_appointment_date',
  'employment_status_at_first_appointment',
  'start_date',
  'start_month',
  'start_financial_quarter',
  'plan_type',
  'signed_plan_date',
  'signed_plan_within_20_working_days',
  'primary_health_barrier',
  'primary_non_health_barrier',
  'baseline_wellbeing_instrument',
  'baseline_wellbeing_score',
  ...ONWARD_SERVICES.codes.map((service) => `onward_referrals_${columnName(service)}`),
  'onward_referrals_total',
  'employer_liaison',
  'sharings_blocked',
  ...checkpointColumns,
  'sustained',
  'first_work_outcome_kind',
  'first_work_outcome_status',
  'first_work_outcome_date',
  'time_to_work_days',
  'time_to_work_end_date',
  'time_to_work_end',
  'exit_date',
  'exit_reason',
  'exit_type',
  'status_at_discharge',
  'satisfaction',
];

/**
 * One episode as an extract row: no name, date of birth, NHS number, contact detail, free text
 * or internal id, only the pseudonym the caller made. `timeToWork` is the record's observation
 * at the extract's as-of (censoring date and exit type), null before a start.
 */
export const episodeExtractRow = (record: OutcomeRecord, pseudonym: string, timeToWork: TimeToWorkObservation | null): Cell[] => {
  const byCheckpoint = new Map(record.checkpoints.map((checkpoint) => [checkpoint.checkpoint, checkpoint]));
  const onward = ONWARD_SERVICES.codes.map((service) => record.onwardReferrals[service] ?? 0);
  const work = record.firstWorkOutcome;
  const checkpoints = SCHEDULED_CHECKPOINTS.flatMap((name): Cell[] => {
    const checkpoint = byCheckpoint.get(name);
    if (checkpoint === undefined) return [null, null, null, null, null, null];
    return [
      checkpoint.dueOn,
      checkpoint.status,
      dateOf(checkpoint.observedAt),
      checkpoint.hoursPerWeek,
      checkpoint.wellbeing?.score ?? null,
      checkpoint.dueOn === null ? null : checkpoint.lostToFollowUp,
    ];
  });
  const { demographics: d } = record;
  return [
    pseudonym,
    record.episode,
    record.siteId,
    record.vanguard,
    record.locality,
    record.deliveryOrganisation,
    record.cohort,
    dateOf(record.referredAt),
    record.referralMonth,
    record.referralQuarter,
    record.referralFinancialQuarter,
    record.referralSource,
    record.referringOrganisation,
    record.employmentStatusAtReferral,
    record.outOfWorkAtReferral,
    record.fitNoteHeld,
    d.ageBand,
    d.sex,
    d.ethnicity,
    d.disability,
    d.imdDecile,
    record.triageDecision,
    dateOf(record.firstContactAt),
    record.firstContactWithin2WorkingDays,
    dateOf(record.firstAppointmentAt),
    record.employmentStatusAtFirstAppointment,
    dateOf(record.startedAt),
    record.startMonth,
    record.startFinancialQuarter,
    record.planType,
    record.signedPlanOn,
    record.signedPlanWithin20WorkingDays,
    record.primaryHealthBarrier,
    record.primaryNonHealthBarrier,
    record.baselineWellbeing?.instrument ?? null,
    record.baselineWellbeing?.score ?? null,
    ...onward,
    Object.values(record.onwardReferrals).reduce((sum, count) => sum + count, 0),
    record.employerLiaison,
    record.sharingsBlocked,
    ...checkpoints,
    record.sustained,
    work?.kind ?? null,
    work?.status ?? null,
    dateOf(work?.observedAt ?? null),
    timeToWork?.time ?? null,
    timeToWork?.endOn ?? null,
    timeToWork?.cause ?? null,
    dateOf(record.exit?.dischargedAt ?? null),
    record.exit?.reason ?? null,
    record.exit?.type ?? null,
    record.exit?.statusAtDischarge ?? null,
    record.satisfaction,
  ];
};

const needsQuotes = /[",\r\n]/;

/** RFC 4180: empty for null, quoted only when needed, CRLF line ends. The same cells always give the same bytes. */
export const csvLine = (cells: readonly Cell[]): string =>
  `${cells
    .map((cell) => {
      if (cell === null) return '';
      const text = String(cell);
      return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',')}\r\n`;

/** The definitions an extract was made with, for its manifest: the words of the service's evaluation specification. */
export const EXTRACT_DEFINITIONS: Readonly<Record<string, string>> = {
  episode: 'One row per participant episode: a re-referral after the journey closed opens the next episode.',
  'as-of': 'Only events recorded at or before the as-of point are used, even when their business time is earlier.',
  start: "The first action plan agreed (not retracted by a correction); start_date is that plan's occurred date.",
  'out of work at referral': 'Employment status at referral is unemployed or economically inactive.',
  'in-work outcome': 'Remained in work or returned to work (same employer).',
  'job outcome': 'New employment or self-employed.',
  sustained: 'In work at both the 12 and 26 week checkpoints; empty before a start or when the schedule lacks either.',
  'lost to follow-up':
    'A checkpoint recorded as could-not-be-reached, or overdue by more than 4 weeks with nothing recorded as of the as-of date.',
  'time to work':
    'Days from start to the first in-work or job outcome (time_to_work_end = event); a competing exit (withdrew, moved away, disengaged) ends it as competing; other exits are censored at the last follow-up that found the participant or at discharge; open episodes are censored at the as-of date.',
  'service standards':
    'First contact within 2 working days and a signed plan within 20 working days of referral; England and Wales bank holidays are not working days.',
  satisfaction: 'The rating (1 to 5) given at the final discharge, if any.',
  'site configuration':
    "Each site's configuration as known at the as-of point: the follow-up schedule in force on the start's day (the referral's before a start) gives the checkpoints; the configuration in force on the referral's day gives the cohort (its first matching rule, else none) and the locality (of the delivery organisation that recorded the referral, else unknown). vanguard is the site's roll-up.",
  'financial quarter': 'April to March years: Q3 24/25 is October to December 2024.',
  'primary non-health barrier': 'The first non-health barrier listed at the first assessment.',
  wellbeing:
    'The score of the first scored baseline questionnaire of the first assessment (SWEMWBS or WEMWBS total, EQ-5D-5L visual analogue scale; ONS4 has none), and the score recorded with each checkpoint outcome.',
  'referring organisation':
    "The referrer's organisation code (a GP practice's or PCN's ODS code, a VCSE organisation's id), not-recorded when absent.",
  dates: 'London calendar dates (YYYY-MM-DD); months and quarters by the London calendar.',
  pseudonym:
    'HMAC-SHA-256 of the participant id under the evaluator key, base64url, first 22 characters: stable across extracts made with the same key.',
};
