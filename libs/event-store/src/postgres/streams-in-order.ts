import type { Pool, PoolClient } from 'pg';
import { toIsoInstant } from '@workwell/domain';
import type { ReadStreamsOptions, StreamEvent, StreamOfEvents } from '../event-store.port';
import { knownPrefix } from '../stream-reads';

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** A text[] literal: each element double-quoted, with its backslashes and quotes escaped. */
const arrayLiteral = (values: readonly string[]): string =>
  `{${values.map((value) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** The first id after every id with the prefix, in byte order. */
export const prefixEnd = (prefix: string): string => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * An event as the query spells it: [version, position, event id, type, schema version, data, metadata, recorded ms, previous hash,
 * hash], and with the hashes the microseconds of recorded_at below its millisecond (the hash covers milliseconds).
 */
type EventTuple = [
  number,
  number,
  string | 0,
  string,
  number,
  unknown,
  Record<string, unknown> | null,
  number,
  string | null,
  string | null,
  number?,
];

const toEvent = (
  streamId: string,
  [version, position, eventId, type, schemaVersion, data, metadata, recordedMs, previousHash, hash, microseconds]: EventTuple,
): StreamEvent => {
  // Positions pass 2^53 only after 2^37 transactions; JSON numbers would round them silently.
  if (!Number.isSafeInteger(position))
    throw new Error(`Event position ${position} of ${streamId} is beyond the safe integer range of this reader.`);
  const event = {
    streamId,
    version,
    position,
    eventId: eventId === 0 ? '' : eventId,
    type,
    schemaVersion,
    data,
    metadata: metadata ?? NO_METADATA,
    recordedAt: microseconds
      ? `${toIsoInstant(recordedMs).slice(0, -1)}${String(microseconds).padStart(3, '0')}Z`
      : toIsoInstant(recordedMs),
  };
  return hash === null ? event : { ...event, previousHash, hash };
};

/**
 * The PostgreSQL adapter's `streams`: every stream with the prefix, whole (or as known at a point),
 * in stream-id order, through one cursor over the (stream, version) index in one repeatable-read
 * snapshot: one consistent state of the store however long the read, memory held to one fetch.
 * Each stream arrives as one JSON array built by the server, parsed with one `JSON.parse`: a third
 * of the client's time of a row per event (the bodies are stored as `json`, so the server copies
 * them into the array without re-encoding them). The next fetch runs while the consumer works on
 * this one. Abandoning the generator ends the transaction.
 */
export async function* streamsInOrder(pool: Pool, options: ReadStreamsOptions): AsyncGenerator<StreamOfEvents> {
  // Small fetches keep what is parsed young: a fetch of 1,000 streams outlives the young generation and costs half as much again in collection.
  const fetchSize = options.fetchSize ?? 100;
  const ofTypes = (types: readonly string[], value: string) =>
    `CASE WHEN type IN (${types.map(literal).join(', ') || 'NULL'}) THEN ${value} ELSE 'null' END`;
  const data = options.dataOf === undefined ? 'data' : ofTypes(options.dataOf, 'data::text');
  const eventId = options.eventIds === false ? `'0'` : `'"', event_id, '"'`;
  const asked = { all: 'metadata::text', actor: `concat('{"actor":', coalesce(metadata->'actor', 'null'), '}')`, none: "'null'" }[
    options.metadata ?? 'all'
  ];
  const metadata = options.metadataOf === undefined || options.metadata === 'none' ? asked : ofTypes(options.metadataOf, asked);
  // Verification reads recorded_at whole: its millisecond (truncated, not rounded) and any microseconds below it, which no
  // writer stores (a CHECK refuses them) and which therefore betray a change the hash alone would not see.
  const recorded = options.hashes
    ? `round(date_part('epoch', date_trunc('milliseconds', recorded_at)) * 1000)::bigint`
    : `round(date_part('epoch', recorded_at) * 1000)::bigint`;
  const hashes = options.hashes
    ? `coalesce('"' || encode(previous_hash, 'hex') || '"', 'null'), ',"', encode(hash, 'hex'), '",',
       extract(microseconds FROM recorded_at - date_trunc('milliseconds', recorded_at))::integer`
    : `'null,null'`;
  const filters =
    options.prefix === '' ? ['true'] : [`stream_id >= ${literal(options.prefix)}`, `stream_id < ${literal(prefixEnd(options.prefix))}`];
  if (options.range?.after !== undefined) filters.push(`stream_id > ${literal(options.range.after)}`);
  if (options.range?.upTo !== undefined) filters.push(`stream_id <= ${literal(options.range.upTo)}`);
  // One array literal: the planner walks the (stream, version) index once per id.
  if (options.ids !== undefined) filters.push(`stream_id = ANY(${literal(arrayLiteral(options.ids))}::text[])`);
  const knownAt = options.knownAt;
  if (knownAt?.position !== undefined) filters.push(`position <= ${Math.trunc(knownAt.position)}`);
  if (knownAt?.recordedAt !== undefined) filters.push(`recorded_at <= ${literal(new Date(knownAt.recordedAt).toISOString())}::timestamptz`);
  const client: PoolClient = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE streams_in_order NO SCROLL CURSOR FOR
      SELECT stream_id, '[' || string_agg(concat('[', version, ',', position, ',', ${eventId}, ',', to_json(type), ',', schema_version, ',',
          ${data}, ',', ${metadata}, ',', ${recorded}, ',', ${hashes}, ']'), ',' ORDER BY version) || ']'
      FROM events WHERE ${filters.join(' AND ')}
      GROUP BY stream_id ORDER BY stream_id`);
    const fetch = () => {
      const next = client.query<[string, string]>({ text: `FETCH ${fetchSize} FROM streams_in_order`, rowMode: 'array' });
      // Awaited below; marked handled so that a consumer stopping early leaves no unhandled rejection.
      next.catch(() => undefined);
      return next;
    };
    let read = 0;
    let streams = 0;
    for (let pending = fetch(); ;) {
      const { rows } = await pending;
      if (rows.length === 0) break;
      pending = fetch();
      const parsed = rows.map(([streamId, json]) => (JSON.parse(json) as EventTuple[]).map((tuple) => toEvent(streamId, tuple)));
      for (const events of parsed) {
        read += events.length;
        streams++;
      }
      options.onRead?.({ events: read, streams });
      for (const events of parsed) {
        // The server left out what was not known; a gap it leaves (a clock stepped back) ends the prefix.
        const known = knownAt === undefined ? events : knownPrefix(events, undefined);
        if (known.length > 0) yield { streamId: known[0].streamId, events: known };
      }
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await client.query('ROLLBACK').catch((error: Error) => (broken ??= error));
    client.release(broken);
  }
}
