import { ConfigError } from '@workwell/config';
import { runApi } from './main';

runApi().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `api: ${error.message}\n` : `api: failed to start: ${error.message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
