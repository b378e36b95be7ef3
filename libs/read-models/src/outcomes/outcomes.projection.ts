import { EPISODE_FACT_TYPES, episodeFactsOf, JOURNEY_EVENT_TYPES } from '@workwell/domain';
import type { ParticipantHistory, Projection } from '../projection';
import { rewriteParticipants, touchedHistories } from '../rows/rewrite';

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
 * One row per episode with the facts its outcome record is made from (the domain keeps no
 * personal field in them). Records are computed from them when read, because whether a
 * checkpoint is lost to follow-up depends on the day it is asked.
 */
export const outcomeRows = (history: ParticipantHistory) =>
  episodeFactsOf(history.events).map((facts) => ({
    participant_id: history.participantId,
    episode: facts.number,
    site_id: facts.referral.data.siteId,
    referred_at: facts.referral.data.occurredAt,
    started_at: facts.start?.occurredAt ?? null,
    facts,
    position: facts.lastPosition,
  }));

export const outcomesProjection: Projection = {
  name: 'outcomes',
  // v2: facts keep only the fields the records read, as json: a fifth of the size.
  // v3: rewritten on every event of the participant, as the facts' last version and position count them all.
  // v4: facts carry the referral's delivery organisation and referring organisation, the primary
  // non-health barrier and the wellbeing baseline.
  version: 4,
  // Every event moves the facts' last version and position, though only EPISODE_FACT_TYPES are read.
  handles: JOURNEY_EVENT_TYPES,
  dataOf: EPISODE_FACT_TYPES,
  // The referral's recorder is the episode's delivery organisation.
  actorOf: ['ParticipantReferred'],
  tables: ['outcome_facts'],
  // Facts run to a few kilobytes: kept inline and uncompressed, which writes a third faster and reads without inflating.
  schema: (t) => `
    CREATE TABLE ${t('outcome_facts')} (
      participant_id uuid NOT NULL,
      episode int NOT NULL,
      site_id text NOT NULL,
      referred_at timestamptz NOT NULL,
      started_at timestamptz,
      facts json NOT NULL,
      position bigint NOT NULL
    ) WITH (toast_tuple_target = 8160);`,
  indexes: (t) => `
    ALTER TABLE ${t('outcome_facts')} ADD PRIMARY KEY (participant_id, episode);
    CREATE INDEX ON ${t('outcome_facts')} (site_id, referred_at);`,
  apply: (batch, t) =>
    rewriteParticipants(t('outcome_facts'), columns, ['participant_id', 'episode'], touchedHistories(batch), outcomeRows),
  bulk: { columns: { outcome_facts: columns }, rowsOf: (history) => ({ outcome_facts: outcomeRows(history) }) },
};
