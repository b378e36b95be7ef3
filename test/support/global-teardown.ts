import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.embeddedPostgres?.stop();
  if (globalThis.embeddedPostgresDir) fs.rmSync(globalThis.embeddedPostgresDir, { recursive: true, force: true });
}
