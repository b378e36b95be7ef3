export interface DataKeyCacheOptions {
  /** Most keys held at once; the least recently used goes first. */
  readonly maxEntries?: number;
  /**
   * How long an unwrapped key may be used without asking the database again. Another process
   * destroying a key is seen by this one within this time at the latest.
   */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

type Entry = { readonly key: Buffer; readonly expiresAt: number } | { readonly key: null };

/**
 * Unwrapped data keys in process memory, bounded, and the keys known to be destroyed (forever:
 * destruction cannot be undone). The cache never shares a buffer: it stores a copy and hands
 * out copies, so that overwriting an evicted key with zeros (a best effort) can never zero a
 * key some caller is about to encrypt with.
 */
export class DataKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: DataKeyCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A copy of a live key (the caller may zero it), `null` for a destroyed one, undefined when unknown or expired. */
  get(keyId: string): Buffer | null | undefined {
    const entry = this.entries.get(keyId);
    if (!entry) return undefined;
    if (entry.key && entry.expiresAt <= this.now()) {
      this.delete(keyId);
      return undefined;
    }
    // Re-inserting moves the entry to the back of the Map's order, which is our recency order.
    this.entries.delete(keyId);
    this.entries.set(keyId, entry);
    return entry.key ? Buffer.from(entry.key) : null;
  }

  /**
   * False, and nothing cached, when the key is already known to be destroyed: a read that raced
   * a destroy in this process must not bring the key back into memory.
   */
  setLive(keyId: string, key: Buffer): boolean {
    if (this.entries.get(keyId)?.key === null) return false;
    this.delete(keyId);
    this.entries.set(keyId, { key: Buffer.from(key), expiresAt: this.now() + this.ttlMs });
    this.evictOverflow();
    return true;
  }

  setDestroyed(keyId: string): void {
    this.delete(keyId);
    this.entries.set(keyId, { key: null });
    this.evictOverflow();
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    for (const keyId of [...this.entries.keys()]) this.delete(keyId);
  }

  private delete(keyId: string): void {
    const entry = this.entries.get(keyId);
    if (entry?.key) entry.key.fill(0);
    this.entries.delete(keyId);
  }

  private evictOverflow(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.delete(oldest);
    }
  }
}
