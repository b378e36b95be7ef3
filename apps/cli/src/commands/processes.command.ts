import { lazy } from '../lazy';
import type { CliCommand } from '../command';

export const apiCommand: CliCommand = {
  name: 'api',
  summary: 'Run only the HTTP API against DATABASE_URL (for production processes).',
  usage: '',
  help: 'Needs DATABASE_URL; run `workwell migrate` first.',
  options: {},
  run: async () => {
    const { runApi } = await lazy(() => import('../../../api/src/main.js'));
    await runApi();
    return new Promise<number>(() => undefined);
  },
};

export const projectorCommand: CliCommand = {
  name: 'projector',
  summary: 'Run only the projector against DATABASE_URL (several may run; each projection has one active owner).',
  usage: '',
  help: 'Needs DATABASE_URL; run `workwell migrate` first.',
  options: {},
  run: async () => {
    const { runProjector } = await lazy(() => import('../../../projector/src/main.js'));
    await runProjector();
    return new Promise<number>(() => undefined);
  },
};
