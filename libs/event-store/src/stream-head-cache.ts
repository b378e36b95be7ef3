import type { StreamHead } from './prepared-event';

/**
 * The last known {version, hash} of recently written streams, least recently used evicted
 * first. Only ever holds heads that were committed, so a cached version is never ahead of
 * the database: a stale entry can only be behind, which the unique (stream, version) key
 * catches on the next append.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): StreamHead | undefined {
    const head = this.heads.get(streamId);
    if (head) {
      // Map iteration follows insertion order: re-inserting marks it most recently used.
      this.heads.delete(streamId);
      this.heads.set(streamId, head);
    }
    return head;
  }

  /** Records a head unless a later one is already known (appends can complete out of order). */
  set(streamId: string, head: StreamHead): void {
    if (this.capacity <= 0) return;
    const known = this.heads.get(streamId);
    if (known && known.version > head.version) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
