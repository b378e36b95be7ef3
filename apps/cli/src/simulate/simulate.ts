import { WorkwellClient, WorkwellProblem } from '@workwell/client';
import { type Actor } from '@workwell/domain';
import { generateJourneys, type GeneratedJourney } from '@workwell/synthetic';
import { carry } from '@workwell/synthetic';
import { sendCommand } from './command-requests';

export interface SimulateOptions {
  readonly baseUrl: string;
  readonly participants: number;
  readonly site: string;
  readonly seed: number;
  readonly concurrency: number;
  /** Journeys end by this time; referrals spread over the year before it. */
  readonly now: Date;
  readonly tokenFor: (actor: Actor) => Promise<string>;
  readonly onProgress?: (done: number, total: number, commands: number) => void;
}

export interface SimulateResult {
  readonly participants: number;
  readonly commands: number;
  /** Sharings refused for want of consent: expected, the generator plans some. */
  readonly blocked: number;
  /** Anything else the API refused, by problem code. */
  readonly refused: Readonly<Record<string, number>>;
}

const dayMs = 86_400_000;

/** Drives the running API as a site's coaches would, with the domain's synthetic journeys. */
export const simulate = async (options: SimulateOptions): Promise<SimulateResult> => {
  const journeys = generateJourneys({
    seed: options.seed,
    participants: options.participants,
    sites: [options.site],
    startDate: new Date(options.now.getTime() - 400 * dayMs).toISOString().slice(0, 10),
    referralPeriodDays: 365,
    asOf: options.now.toISOString(),
    seal: carry,
  });
  const clients = new Map<string, WorkwellClient>();
  const clientFor = (actor: Actor): WorkwellClient => {
    const key = `${actor.role}:${actor.userId}`;
    let client = clients.get(key);
    if (!client) {
      client = new WorkwellClient({ baseUrl: options.baseUrl, token: () => options.tokenFor(actor), purpose: 'simulation' });
      clients.set(key, client);
    }
    return client;
  };
  let done = 0;
  let commands = 0;
  let blocked = 0;
  const refused: Record<string, number> = {};
  const runJourney = async (journey: GeneratedJourney) => {
    for (const command of journey.commands) {
      try {
        await sendCommand(clientFor(command.context.actor), command, { idempotencyKey: command.context.idempotencyKey });
      } catch (error) {
        if (!(error instanceof WorkwellProblem)) throw error;
        if (error.code === 'SHARING_BLOCKED') blocked++;
        else refused[error.code] = (refused[error.code] ?? 0) + 1;
      }
      commands++;
    }
    done++;
    options.onProgress?.(done, options.participants, commands);
  };
  const iterator = journeys[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await runJourney(next.value);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { participants: done, commands, blocked, refused };
};
