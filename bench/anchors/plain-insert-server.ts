import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The API benchmark's anchor: what a plain, non-event-sourced endpoint achieves on the same
 * machine and database — Fastify, no validation, no auth, one INSERT with a unique (stream, version).
 */
const main = async (): Promise<void> => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS anchor_events (stream_id text NOT NULL, version int NOT NULL, data jsonb NOT NULL, UNIQUE (stream_id, version))',
  );
  const versions = new Map<string, number>();
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string }; Body: unknown }>('/participants/:id/sessions', async (request, reply) => {
    const version = (versions.get(request.params.id) ?? 0) + 1;
    versions.set(request.params.id, version);
    await pool.query('INSERT INTO anchor_events (stream_id, version, data) VALUES ($1, $2, $3)', [
      request.params.id,
      version,
      JSON.stringify({ ...(request.body as object), eventId: randomUUID() }),
    ]);
    return reply.status(200).send({ version });
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
};

void main();
