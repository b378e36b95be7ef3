import type { Journey } from '@workwell/domain';

/**
 * The journeys this process wrote or read last, so that a command usually needs no read of
 * its stream. A stale entry (another process wrote since) costs one concurrency conflict,
 * after which the handler reloads from the store and tries again.
 */
export class JourneyCache {
  private readonly entries = new Map<string, Journey>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): Journey | undefined {
    const journey = this.entries.get(streamId);
    if (journey === undefined) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, journey);
    return journey;
  }

  set(streamId: string, journey: Journey): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, journey);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }
}
