import { episodeFactsOf, type EpisodeFacts } from '@workwell/domain';
import type { ParticipantHistory, Projection } from '../runner/projection';
import { rewriteParticipants, touchedHistories } from './rewrite';

const columns = {
  participant_id: 'uuid',
  episode: 'int',
  site_id: 'text',
  referred_at: 'timestamptz',
  started_at: 'timestamptz',
  facts: 'json',
  position: 'bigint',
};

/**
 * The facts an outcome record is made from, without the sealed personal fields (the outcome
 * record needs none). Records are computed from them when read, because whether a checkpoint
 * is lost to follow-up depends on the day it is asked.
 */
export const reportingFacts = (facts: EpisodeFacts): EpisodeFacts => ({
  ...facts,
  referral: { ...facts.referral, data: { ...facts.referral.data, personalDetails: null as never } },
  triage: facts.triage ? { ...facts.triage, reason: null } : null,
  start: facts.start ? { ...facts.start, goals: [] } : null,
});

export const outcomeRows = (history: ParticipantHistory) =>
  episodeFactsOf(history.events).map((facts) => ({
    participant_id: history.participantId,
    episode: facts.number,
    site_id: facts.referral.data.siteId,
    referred_at: facts.referral.data.occurredAt,
    started_at: facts.start?.occurredAt ?? null,
    facts: reportingFacts(facts),
    position: facts.lastPosition,
  }));

export const outcomesProjection: Projection = {
  name: 'outcomes',
  // v2: facts keep what the records use of each event (not its metadata), as json: a third of the size.
  version: 2,
  handles: [
    'ParticipantReferred',
    'ReferralTriaged',
    'ContactAttempted',
    'FirstAppointmentHeld',
    'AssessmentCompleted',
    'ActionPlanAgreed',
    'OnwardReferralMade',
    'EmployerLiaisonRecorded',
    'DataSharingBlocked',
    'OutcomeRecorded',
    'ParticipantDischarged',
    'ParticipantReEngaged',
    'EventCorrected',
    'ParticipantErased',
  ],
  tables: ['outcome_facts'],
  schema: (t) => `
    CREATE TABLE ${t('outcome_facts')} (
      participant_id uuid NOT NULL,
      episode int NOT NULL,
      site_id text NOT NULL,
      referred_at timestamptz NOT NULL,
      started_at timestamptz,
      facts json NOT NULL,
      position bigint NOT NULL
    );`,
  indexes: (t) => `
    ALTER TABLE ${t('outcome_facts')} ADD PRIMARY KEY (participant_id, episode);
    CREATE INDEX ON ${t('outcome_facts')} (site_id, referred_at);`,
  apply: async (tx, batch, t) => rewriteParticipants(tx, t('outcome_facts'), columns, ['participant_id', 'episode'], await touchedHistories(batch), outcomeRows),
  bulk: { columns: { outcome_facts: columns }, rowsOf: (history) => ({ outcome_facts: outcomeRows(history) }) },
};
