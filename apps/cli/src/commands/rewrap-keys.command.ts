import { loadSecrets } from '@workwell/config';
import { PostgresKeyStore } from '@workwell/key-store';
import type { CliCommand } from '../command';
import { withEngine } from '../engine-session';

export const rewrapKeysCommand: CliCommand = {
  name: 'rewrap-keys',
  summary: 'After a master key rotation: wrap every live data key with the newest master key of WORKWELL_MASTER_KEYS.',
  usage: '',
  help: 'Only the wrapping changes: the data keys, and so the events and read models, stay as they are.\nPrints how many keys moved and how many live keys each master key still wraps; remove an old master key from the configuration only once it wraps none.',
  options: {},
  run: async () =>
    withEngine(async ({ config, pool }) => {
      const moved = await new PostgresKeyStore(pool, loadSecrets(config).masterKeys).rewrap();
      const { rows } = await pool.query<{ master_key_id: string; keys: number }>(
        `SELECT master_key_id, count(*)::int AS keys FROM participant_keys WHERE wrapped_key IS NOT NULL GROUP BY master_key_id ORDER BY master_key_id`,
      );
      process.stdout.write(
        `${JSON.stringify({ moved, liveKeysByMasterKey: Object.fromEntries(rows.map((r) => [r.master_key_id, r.keys])) })}\n`,
      );
    }),
};
