import type { Pool } from 'pg';
import type { WorkwellConfig, WorkwellSecrets } from '@workwell/config';
import type { EventStore } from '@workwell/event-store';
import type { KeyStore } from '@workwell/key-store';
import type { JsonLogger } from '@workwell/observability';
import type { SiteRegistryCache } from '@workwell/sites';

/** Everything the API needs from outside, built once by the composition root (main.ts or a test). */
export interface ApiDependencies {
  readonly config: WorkwellConfig;
  readonly secrets: WorkwellSecrets;
  /** The engine's PostgreSQL: read models, checkpoints, access log (and the events, with the default store). */
  readonly pool: Pool;
  /** A read replica (DATABASE_READ_URL) for reads that need not see a write of their own; the primary's pool when absent. */
  readonly readPool?: Pool;
  readonly eventStore: EventStore;
  /** Per-participant data keys: personal data is sealed before it reaches an event. */
  readonly keyStore: KeyStore;
  readonly logger: JsonLogger;
  /** The recording clock; tests pin it. */
  readonly clock: () => Date;
  /**
   * The site registry of this process, read again from the store every few seconds (one per
   * process: `createApiApp` builds it over the event store when the composition root gives none).
   */
  readonly sites: SiteRegistryCache;
}

/** What a composition root hands to `createApiApp`: everything but what the app builds itself. */
export type ApiInputs = Omit<ApiDependencies, 'sites'> & { readonly sites?: SiteRegistryCache };

export const API_DEPENDENCIES = Symbol('API_DEPENDENCIES');
