import type { SiteRegistry } from '@workwell/domain';
import type { EventStore } from '@workwell/event-store';
import { loadSiteRegistry } from './site-configurations';

/** Where a running process gets the registry from. */
export interface SiteRegistrySource {
  current(): Promise<SiteRegistry>;
}

/**
 * The registry a process uses, read again at most every `refreshMs` (and at once after this
 * process records a change): configurations change a few times a year, commands run all day.
 * A change recorded by another process is seen within `refreshMs`.
 */
export class SiteRegistryCache implements SiteRegistrySource {
  private loaded: { readonly registry: SiteRegistry; readonly at: number } | null = null;
  private pending: Promise<SiteRegistry> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly options: { readonly refreshMs?: number; readonly now?: () => number } = {},
  ) {}

  async current(): Promise<SiteRegistry> {
    const now = (this.options.now ?? Date.now)();
    if (this.loaded !== null && now - this.loaded.at < (this.options.refreshMs ?? 5000)) return this.loaded.registry;
    if (this.pending !== null) return this.pending;
    const pending: Promise<SiteRegistry> = loadSiteRegistry(this.store)
      .then((registry) => {
        // A read begun before an invalidation may miss the change that caused it: it is answered, not kept.
        if (this.pending !== pending) return registry;
        // The same object while nothing changed, so that caches keyed on it stay warm.
        const same = this.loaded !== null && this.loaded.registry.configurations.length === registry.configurations.length;
        this.loaded = { registry: same ? this.loaded!.registry : registry, at: now };
        return this.loaded.registry;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = null;
      });
    this.pending = pending;
    return pending;
  }

  /** Forgets what was read (and a read under way), so that the next `current()` reads the store again. */
  invalidate(): void {
    this.loaded = null;
    this.pending = null;
  }
}
