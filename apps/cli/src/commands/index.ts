import type { CliCommand } from '../command';
import { auditCommand } from './audit.command';
import { checkpointCommand } from './checkpoint.command';
import { eraseCommand } from './erase.command';
import { exportCommand } from './export.command';
import { curvesCommand, extractCommand, replayCommand } from './evaluation.command';
import { verifyCommand } from './verify.command';
import { apiCommand, projectorCommand } from './processes.command';
import { importCommand } from './import.command';
import { migrateCommand } from './migrate.command';
import { miReturnCommand } from './mi-return.command';
import { rebuildCommand } from './rebuild.command';
import { retentionCommand } from './retention.command';
import { rewrapKeysCommand } from './rewrap-keys.command';
import { simulateCommand } from './simulate.command';
import { sitesCommand } from './sites.command';
import { startCommand } from './start.command';
import { subjectAccessCommand } from './subject-access.command';
import { tokenCommand } from './token.command';

export const commands: readonly CliCommand[] = [
  startCommand,
  apiCommand,
  projectorCommand,
  migrateCommand,
  tokenCommand,
  simulateCommand,
  importCommand,
  exportCommand,
  rebuildCommand,
  verifyCommand,
  checkpointCommand,
  auditCommand,
  eraseCommand,
  subjectAccessCommand,
  retentionCommand,
  rewrapKeysCommand,
  replayCommand,
  extractCommand,
  curvesCommand,
  miReturnCommand,
  sitesCommand,
];
