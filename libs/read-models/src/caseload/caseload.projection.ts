import {
  DEFAULT_SITE_SCHEDULE,
  EMPTY_SITE_REGISTRY,
  episodeScheduleOf,
  JOURNEY_EVENT_TYPES,
  followUpFactsOf,
  followUpsAsOf,
  stageOf,
  type Journey,
  type ParticipantReferredData,
  type RecordedJourneyEvent,
  type ReferralTriagedData,
  type SiteRegistry,
} from '@workwell/domain';
import type { ParticipantHistory, Projection } from '../projection';
import { touchedHistories } from '../rows/rewrite';
import { upsertRows } from '../rows/upsert';

const columns = {
  participant_id: 'uuid',
  site_id: 'text',
  coach_id: 'text',
  stage: 'text',
  open: 'boolean',
  referred_at: 'timestamptz',
  next_action: 'text',
  next_due_on: 'date',
  follow_up_facts: 'json',
  follow_up_schedule: 'json',
  sessions_held: 'int',
  consents: 'json',
  personal_details: 'json',
  version: 'int',
  position: 'bigint',
};

// Far enough ahead that every unmet follow-up shows as owed: its due date is what the row keeps.
const endOfTime = '9999-12-31';

const live = (history: ParticipantHistory) => history.events.filter((e) => !history.journey.retracted.includes(e.version));

const lastOf = <T extends RecordedJourneyEvent['type']>(events: readonly RecordedJourneyEvent[], type: T) => {
  for (let i = events.length - 1; i >= 0; i--) if (events[i].type === type) return events[i] as Extract<RecordedJourneyEvent, { type: T }>;
  return undefined;
};

/** Each scope's latest consent decision by business time: given (and until when) or withdrawn. */
export const consentStateOf = (journey: Journey): Record<string, { given: boolean; since: string; expiresAt: string | null }> => {
  const latest: Record<string, { given: boolean; since: string; expiresAt: string | null; at: number; version: number }> = {};
  for (const record of journey.consents) {
    const current = latest[record.scope];
    if (current && (current.at > record.at || (current.at === record.at && current.version > record.version))) continue;
    latest[record.scope] = {
      given: record.given,
      since: new Date(record.at).toISOString(),
      expiresAt: record.expiresAt === null ? null : new Date(record.expiresAt).toISOString(),
      at: record.at,
      version: record.version,
    };
  }
  return Object.fromEntries(Object.entries(latest).map(([scope, { given, since, expiresAt }]) => [scope, { given, since, expiresAt }]));
};

/**
 * One row per participant: what a coach's caseload shows, with due dates that do not depend on
 * today. The checkpoints are those of the site's schedule as configured on the participant's
 * start (see `episodeScheduleOf`), kept in the row for the readers that judge them against today.
 */
export const caseloadRow = (history: ParticipantHistory, sites: SiteRegistry = EMPTY_SITE_REGISTRY) => {
  const { journey } = history;
  const events = live(history);
  const facts = followUpFactsOf(journey);
  const schedule = journey.episode ? episodeScheduleOf(sites, journey.episode) : DEFAULT_SITE_SCHEDULE;
  const owed = facts
    ? followUpsAsOf(facts, endOfTime, schedule)
        .filter((f) => f.status === 'overdue')
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    : [];
  const referral = lastOf(events, 'ParticipantReferred')?.data as ParticipantReferredData | undefined;
  const triage = lastOf(events, 'ReferralTriaged')?.data as ReferralTriagedData | undefined;
  const last = history.events[history.events.length - 1];
  return {
    participant_id: history.participantId,
    site_id: journey.episode?.siteId ?? null,
    coach_id: triage?.assignedCoachId ?? null,
    stage: stageOf(journey),
    open: (journey.episode?.open ?? false) && !journey.erased,
    referred_at: journey.episode?.referredAt ?? null,
    next_action: owed[0] ? (owed[0].checkpoint ? `outcome:${owed[0].checkpoint}` : owed[0].kind) : null,
    next_due_on: owed[0]?.dueOn ?? null,
    follow_up_facts: facts,
    follow_up_schedule: facts ? schedule : null,
    sessions_held: events.filter((e) => e.type === 'CoachingSessionHeld').length,
    consents: consentStateOf(journey),
    personal_details: referral?.personalDetails ?? null,
    version: last.version,
    position: last.position,
  };
};

export const caseloadProjection: Projection = {
  name: 'caseload',
  // v2: documents as json, read whole and never searched inside, so stored as written.
  // v3: due dates by the site's configured follow-up schedule, which the row keeps.
  version: 3,
  // Every type: the row's version is the participant's ETag, so it must follow every event.
  handles: JOURNEY_EVENT_TYPES,
  // The referral's personal details and the coach the triage assigned; sessions are counted, not read.
  dataOf: ['ParticipantReferred', 'ReferralTriaged'],
  actorOf: [],
  tables: ['caseload'],
  schema: (t) => `
    CREATE TABLE ${t('caseload')} (
      participant_id uuid NOT NULL,
      site_id text,
      coach_id text,
      stage text NOT NULL,
      open boolean NOT NULL,
      referred_at timestamptz,
      next_action text,
      next_due_on date,
      follow_up_facts json,
      follow_up_schedule json,
      sessions_held int NOT NULL,
      consents json NOT NULL,
      personal_details json,
      version int NOT NULL,
      position bigint NOT NULL
    );`,
  indexes: (t) => `
    ALTER TABLE ${t('caseload')} ADD PRIMARY KEY (participant_id);
    CREATE INDEX ON ${t('caseload')} (site_id, coach_id, stage) WHERE open;
    CREATE INDEX ON ${t('caseload')} (site_id, next_due_on) WHERE open;`,
  apply: (batch, t) =>
    upsertRows(
      t('caseload'),
      columns,
      ['participant_id'],
      touchedHistories(batch).map((history) => caseloadRow(history, batch.sites)),
    ),
  bulk: { columns: { caseload: columns }, rowsOf: (history, sites) => ({ caseload: [caseloadRow(history, sites)] }) },
};
