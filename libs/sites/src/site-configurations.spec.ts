import {
  DEFAULT_SITE_SCHEDULE,
  SITE_CONFIGURATIONS_STREAM,
  siteScheduleOn,
  ValidationFailed,
  type SiteConfiguration,
} from '@workwell/domain';
import { ConcurrencyConflict, eventStoreMigrations, PostgresEventStore, readWholeStream } from '@workwell/event-store';
import { siteConfiguration } from '@workwell/domain-testing';
import { createTestDatabase, type TestDatabase } from '@workwell/testing';
import { SiteRegistryCache } from './site-registry.cache';
import {
  IdempotencyKeyUsedElsewhere,
  loadSiteRegistry,
  recordSiteConfiguration,
  recordSiteConfigurationChange,
} from './site-configurations';

const admin = { userId: 'admin-1', role: 'admin', organisation: 'dwp', site: 'national' } as const;
const twentySixWeeks = { checkpoints: [{ checkpoint: '26-weeks', after: { weeks: 26 } }] } as const;

const bolton = (change: Partial<SiteConfiguration> = {}): SiteConfiguration =>
  siteConfiguration('gm-bolton', {
    name: 'Bolton',
    vanguard: 'greater-manchester',
    validFrom: '2025-04-01',
    followUpSchedule: twentySixWeeks,
    quarterlyStartTargets: { 'Q1 25/26': 100 },
    ...change,
  });

const change = (extra: { idempotencyKey?: string; expectedVersion?: number | 'no_stream' } = {}) => ({
  recordedBy: admin,
  occurredAt: '2025-03-20T10:00:00.000Z',
  ...extra,
});

describe('the site registry on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('records configurations to one stream, refuses bad ones and stale versions, and loads them in store order', async () => {
    expect(await loadSiteRegistry(store)).toEqual({ configurations: [] });
    const first = await recordSiteConfiguration(store, bolton(), change({ expectedVersion: 'no_stream' }));
    expect(first).toMatchObject({ siteId: 'gm-bolton', version: 1, recordedBy: admin, position: expect.any(Number) });

    await expect(recordSiteConfiguration(store, bolton({ vanguard: 'not an id' }), change())).rejects.toThrow(ValidationFailed);
    await expect(recordSiteConfiguration(store, bolton(), change({ expectedVersion: 'no_stream' }))).rejects.toThrow(ConcurrencyConflict);
    const second = await recordSiteConfiguration(
      store,
      bolton({ validFrom: '2026-04-01', followUpSchedule: DEFAULT_SITE_SCHEDULE }),
      change({ expectedVersion: 1 }),
    );
    expect(second.version).toBe(2);

    const registry = await loadSiteRegistry(store);
    expect(registry.configurations.map((c) => [c.version, c.validFrom])).toEqual([
      [1, '2025-04-01'],
      [2, '2026-04-01'],
    ]);
    expect(siteScheduleOn(registry, 'gm-bolton', '2025-12-31')).toEqual(twentySixWeeks);
    expect(siteScheduleOn(registry, 'gm-bolton', '2026-04-01')).toEqual(DEFAULT_SITE_SCHEDULE);
    expect(await readWholeStream(store, SITE_CONFIGURATIONS_STREAM)).toHaveLength(2);
  });

  it('records a retried change once, and refuses a key its user spent on another stream', async () => {
    const key = { idempotencyKey: 'configure-bolton-7' };
    const first = await recordSiteConfigurationChange(store, bolton({ name: 'Bolton (2)' }), change(key));
    const again = await recordSiteConfigurationChange(store, bolton({ name: 'Bolton (2)' }), change(key));
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });
    await store.append('participant-elsewhere', [{ type: 'Other', schemaVersion: 1, data: {}, metadata: {} }], {
      expectedVersion: 'no_stream',
      idempotencyKey: 'user:admin-1:journey-key-1',
    });
    await expect(recordSiteConfigurationChange(store, bolton(), change({ idempotencyKey: 'journey-key-1' }))).rejects.toThrow(
      IdempotencyKeyUsedElsewhere,
    );
    expect((await loadSiteRegistry(store)).configurations).toHaveLength(3);
  });

  it('caches the registry for refreshMs, reads it again after that or on invalidate, and keeps the same object while nothing changed', async () => {
    let now = 1_000;
    const cache = new SiteRegistryCache(store, { refreshMs: 5_000, now: () => now });
    const first = await cache.current();
    expect(first.configurations).toHaveLength(3);
    await recordSiteConfiguration(store, bolton({ name: 'Bolton (4)' }), change());
    now += 4_999;
    expect(await cache.current()).toBe(first);
    now += 1;
    const refreshed = await cache.current();
    expect(refreshed.configurations).toHaveLength(4);
    now += 1;
    expect(await cache.current()).toBe(refreshed);
    await recordSiteConfiguration(store, bolton({ name: 'Bolton (5)' }), change());
    cache.invalidate();
    expect((await cache.current()).configurations).toHaveLength(5);
    now += 10_000;
    const unchanged = await cache.current();
    expect(unchanged.configurations).toHaveLength(5);
    expect(await Promise.all([cache.current(), cache.current()])).toEqual([unchanged, unchanged]);
  });

  it('forgets a read under way when invalidated, so that the change that caused it is seen', async () => {
    const cache = new SiteRegistryCache(store, { refreshMs: 60_000 });
    const under = cache.current();
    await recordSiteConfiguration(store, bolton({ name: 'Bolton (6)' }), change());
    cache.invalidate();
    await under;
    expect((await cache.current()).configurations).toHaveLength(6);
  });
});
