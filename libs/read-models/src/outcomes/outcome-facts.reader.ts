import type { Pool } from 'pg';
import { inReadSnapshot } from '@workwell/database';
import type { EpisodeFacts } from '@workwell/domain';
import { projectorProgress } from '../checkpoints/projection-checkpoints.schema';

/** Where a page of outcome records ended: the last episode it holds. */
export interface OutcomesPageEnd {
  readonly participantId: string;
  readonly episode: number;
}

export interface OutcomeFactsPage {
  /** The read models' position the page includes. */
  readonly position: number;
  readonly facts: readonly EpisodeFacts[];
  /** The last episode of the page when more follow it. */
  readonly end?: OutcomesPageEnd;
}

/**
 * One page of outcome facts in (participant, episode) order, with the position it includes, read
 * in one snapshot. `after` seeks on the key, so the millionth episode costs what the first does;
 * `offset` (numbered pages) reads and skips all the rows before it.
 */
export const readOutcomeFacts = async (
  pool: Pool,
  options: { siteId?: string; after?: OutcomesPageEnd; offset?: number; limit: number },
): Promise<OutcomeFactsPage> => {
  const values: unknown[] = [];
  const where: string[] = [];
  if (options.siteId !== undefined) where.push(`site_id = $${values.push(options.siteId)}`);
  if (options.after !== undefined)
    where.push(
      `(participant_id, episode) > ($${values.push(options.after.participantId)}::uuid, $${values.push(options.after.episode)}::int)`,
    );
  return inReadSnapshot(pool, async (client) => {
    const { position } = await projectorProgress((sql) => client.query(sql));
    const { rows } = await client.query<{ participant_id: string; episode: number; facts: EpisodeFacts }>(
      `SELECT participant_id, episode, facts FROM outcome_facts ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
       ORDER BY participant_id, episode LIMIT ${options.limit + 1} OFFSET ${options.offset ?? 0}`,
      values,
    );
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    const more = rows.length > options.limit && last !== undefined;
    return {
      position,
      facts: page.map((row) => row.facts),
      end: more ? { participantId: last.participant_id, episode: last.episode } : undefined,
    };
  });
};

const cursorFetch = 2_000;

/**
 * Every episode's facts (of one site, or all), streamed through a cursor so that memory holds one
 * fetch however many episodes there are, with the position they include: both read in one snapshot.
 */
export const eachOutcomeFacts = async (
  pool: Pool,
  options: { readonly siteId?: string },
  visit: (facts: EpisodeFacts) => void,
): Promise<{ readonly position: number }> =>
  inReadSnapshot(pool, async (client) => {
    const { position } = await projectorProgress((sql) => client.query(sql));
    await client.query({
      text: `DECLARE outcome_facts_cursor NO SCROLL CURSOR FOR SELECT facts FROM outcome_facts ${options.siteId === undefined ? '' : 'WHERE site_id = $1'}`,
      values: options.siteId === undefined ? [] : [options.siteId],
    });
    for (;;) {
      const { rows } = await client.query<{ facts: EpisodeFacts }>(`FETCH ${cursorFetch} FROM outcome_facts_cursor`);
      if (rows.length === 0) break;
      for (const { facts } of rows) visit(facts);
    }
    return { position };
  });
