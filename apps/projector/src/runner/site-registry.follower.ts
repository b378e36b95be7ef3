import { EMPTY_SITE_REGISTRY, SITE_CONFIGURATIONS_STREAM, type SiteRegistry } from '@workwell/domain';
import type { EventStore, StoredEvent } from '@workwell/event-store';
import { loadSiteRegistry } from '@workwell/sites';

/**
 * The site registry as the projector uses it: read when it claims its projections (or a rebuild
 * begins), and again when a batch carries an event of the `site-configurations` stream. Those
 * events are no projection's own (they are not a participant's), so nothing else reads them. A
 * participant's rows follow a new configuration at their next event, or at a rebuild.
 */
export class SiteRegistryFollower {
  private current: SiteRegistry = EMPTY_SITE_REGISTRY;

  constructor(private readonly store: EventStore) {}

  get registry(): SiteRegistry {
    return this.current;
  }

  async load(): Promise<SiteRegistry> {
    this.current = await loadSiteRegistry(this.store);
    return this.current;
  }

  /** Reads the registry again if the batch changes it, before the batch is applied. */
  async follow(events: readonly StoredEvent[]): Promise<SiteRegistry> {
    return events.some((event) => event.streamId === SITE_CONFIGURATIONS_STREAM) ? this.load() : this.current;
  }
}
