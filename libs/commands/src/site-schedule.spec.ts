import { commands, day, PARTICIPANT_ID, started } from '@workwell/domain-testing';
import {
  CHECKPOINTS,
  coded,
  DEFAULT_SITE_SCHEDULE,
  EMPTY_SITE_REGISTRY,
  initialState,
  NATIONAL_SURVEY_SCHEDULE,
  siteRegistryOf,
  type JourneyCommand,
  type SiteRegistry,
  type SiteSchedule,
} from '@workwell/domain';
import { InMemoryEventStore } from '@workwell/event-store';
import { InMemoryKeyStore } from '@workwell/key-store';
import { JourneyCommandRunner } from './journey-command.runner';
import { decideHistory } from './journey-decision';
import { withSiteSchedule } from './site-schedule';
import { placeholderSealer } from './sealer';

const TWENTY_SIX_WEEKS_ONLY: SiteSchedule = { checkpoints: [{ checkpoint: '26-weeks', after: { weeks: 26 } }] };

/** A registry holding the given schedules of site-01 (the fixtures' site), each valid from its day. */
const registryOf = (...entries: { validFrom: string; followUpSchedule: SiteSchedule }[]): SiteRegistry =>
  siteRegistryOf(
    entries.map((entry, index) => ({
      type: 'SiteConfigured',
      data: {
        siteId: 'site-01',
        name: 'Site one',
        vanguard: 'site-01',
        localities: [],
        deliveryOrganisations: [],
        cohorts: [],
        quarterlyStartTargets: {},
        occurredAt: '2025-01-01T09:00:00Z',
        recordedBy: { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' },
        ...entry,
      },
      recordedAt: '2025-01-01T09:00:00Z',
      position: index + 1,
      version: index + 1,
    })),
  );

const requestFor = (command: JourneyCommand) => ({
  type: command.type,
  context: { ...command.context, idempotencyKey: undefined },
  data: () => command.data,
});

const decide = (script: readonly JourneyCommand[], sites?: SiteRegistry) =>
  decideHistory(script.map(requestFor), initialState(), placeholderSealer(PARTICIPANT_ID), { sites });

const at26Weeks = commands.outcome({ checkpoint: coded(CHECKPOINTS, '26-weeks'), occurredAt: day(190) });

describe("commands decided with their site's follow-up schedule", () => {
  it('refuses a 12-week outcome and accepts a 26-week one at a site configured for 26 weeks only', async () => {
    const sites = registryOf({ validFrom: '2025-01-01', followUpSchedule: TWENTY_SIX_WEEKS_ONLY });
    const refused = await decide([...started(), commands.outcome()], sites);
    expect(refused).toMatchObject({ accepted: false, error: { code: 'CHECKPOINT_NOT_IN_SCHEDULE' } });
    expect(await decide([...started(), at26Weeks], sites)).toMatchObject({ accepted: true });
  });

  it('keeps the national 12/26/52 weeks without a registry, with an empty one, and for another site', async () => {
    expect(await decide([...started(), commands.outcome()])).toMatchObject({ accepted: true });
    expect(await decide([...started(), commands.outcome()], EMPTY_SITE_REGISTRY)).toMatchObject({ accepted: true });
    const elsewhere = registryOf({ validFrom: '2025-01-01', followUpSchedule: TWENTY_SIX_WEEKS_ONLY });
    const moved = [commands.refer({ siteId: 'site-02' }), ...started().slice(1), commands.outcome()];
    expect(await decide(moved, elsewhere)).toMatchObject({ accepted: true });
  });

  it("uses the configuration in force on the participant's start, not one valid from a later day", async () => {
    // The fixtures start on 13 March 2025 (day 10 after a 3 March referral).
    const later = registryOf({ validFrom: '2025-03-14', followUpSchedule: TWENTY_SIX_WEEKS_ONLY });
    expect(await decide([...started(), commands.outcome()], later)).toMatchObject({ accepted: true });
    const onTheDay = registryOf(
      { validFrom: '2024-01-01', followUpSchedule: DEFAULT_SITE_SCHEDULE },
      { validFrom: '2025-03-13', followUpSchedule: TWENTY_SIX_WEEKS_ONLY },
    );
    expect(await decide([...started(), commands.outcome()], onTheDay)).toMatchObject({ accepted: false });
  });

  it('leaves a schedule the caller set alone, and a stream with no referral without one', () => {
    const sites = registryOf({ validFrom: '2025-01-01', followUpSchedule: TWENTY_SIX_WEEKS_ONLY });
    const own = commands.outcome({}, { siteSchedule: NATIONAL_SURVEY_SCHEDULE });
    expect(withSiteSchedule(own, initialState(), sites).context.siteSchedule).toBe(NATIONAL_SURVEY_SCHEDULE);
    expect(withSiteSchedule(commands.outcome(), initialState(), sites).context.siteSchedule).toBeUndefined();
    expect(withSiteSchedule(commands.refer(), initialState(), sites).context.siteSchedule).toEqual(TWENTY_SIX_WEEKS_ONLY);
  });

  it('the runner asks its registry source before each decision', async () => {
    let sites = EMPTY_SITE_REGISTRY;
    const runner = new JourneyCommandRunner(new InMemoryEventStore(), new InMemoryKeyStore(), { sites: { current: async () => sites } });
    for (const command of started()) await runner.run(requestFor(command));
    sites = registryOf({ validFrom: '2025-01-01', followUpSchedule: TWENTY_SIX_WEEKS_ONLY });
    await expect(runner.run(requestFor(commands.outcome()))).rejects.toMatchObject({ code: 'CHECKPOINT_NOT_IN_SCHEDULE' });
    await expect(runner.run(requestFor(at26Weeks))).resolves.toMatchObject({ result: { duplicate: false } });
  });
});
