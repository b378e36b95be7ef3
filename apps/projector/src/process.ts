import { ConfigError } from '@workwell/config';
import { runProjector } from './main';

runProjector().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `projector: ${error.message}\n` : `projector: failed to start: ${error.message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
