import { loadConfig, loadSecrets } from '@workwell/config';
import { mintToken } from '@workwell/auth';
import { positiveInteger, requiredString, seedOption, UsageError, type CliCommand } from '../command';
import { progressLine } from '../progress';
import { simulate } from '../simulate/simulate';

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Drive the running API as coaches would, with synthetic journeys, to populate a caseload.',
  usage: '--participants <n> --site <site> [--url <api>] [--seed <n>] [--concurrency <n>]',
  help: 'Uses development tokens minted with the local secrets, so run it beside `npm start`.\nExample: npx workwell simulate --participants 50 --site leeds',
  options: {
    participants: { type: 'string', value: '<n>', description: 'How many synthetic participants to refer and follow.' },
    site: { type: 'string', value: '<site>', description: 'The site they are referred to (the coaches work there).' },
    url: {
      type: 'string',
      value: '<api>',
      description: 'The API to drive (default http://localhost:$PORT, i.e. the running `npm start`).',
    },
    seed: {
      type: 'string',
      value: '<n>',
      description:
        'Generate the same journeys as an earlier run with this seed (printed by every run); a fresh seed by default, so runs never collide.',
    },
    concurrency: { type: 'string', value: '<n>', description: 'Journeys driven at once (default 8).' },
  },
  run: async (parsed) => {
    const config = loadConfig();
    const secrets = loadSecrets(config);
    const participants = positiveInteger(requiredString(parsed, 'participants'), 'participants', 1);
    const site = requiredString(parsed, 'site');
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(site)) throw new UsageError('--site must be an id: letters, digits and . _ : -');
    const baseUrl = (parsed.values.url as string | undefined) ?? `http://localhost:${config.port}`;
    const seed = seedOption(parsed);
    const tokens = new Map<string, Promise<string>>();
    const started = Date.now();
    const result = await simulate({
      baseUrl,
      participants,
      site,
      seed,
      concurrency: positiveInteger(parsed.values.concurrency as string | undefined, 'concurrency', 8),
      now: new Date(),
      tokenFor: (actor) => {
        const key = `${actor.role}:${actor.userId}`;
        if (!tokens.has(key))
          tokens.set(
            key,
            mintToken(
              {
                sub: actor.userId,
                role: actor.role === 'system' ? 'admin' : actor.role,
                site: actor.role === 'coach' || actor.role === 'manager' ? site : undefined,
                ttlSeconds: 3600,
              },
              secrets,
            ),
          );
        return tokens.get(key)!;
      },
      onProgress: (done, total, commands) => progressLine(`simulated ${done}/${total} participants, ${commands} commands`, done === total),
    }).catch((error: Error) => {
      if (/fetch failed|ECONNREFUSED|after \d+ attempts/.test(error.message))
        throw new UsageError(`cannot reach the API at ${baseUrl}; start it with \`npm start\` first (${error.message})`);
      throw error;
    });
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({ ...result, seed, seconds: Math.round(seconds * 10) / 10, commandsPerSecond: Math.round(result.commands / seconds) })}\n`,
    );
  },
};
