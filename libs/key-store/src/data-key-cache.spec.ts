import { DataKeyCache } from './data-key-cache';

describe('DataKeyCache', () => {
  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new DataKeyCache({ maxEntries: 2 });
    cache.setLive('a', Buffer.alloc(32, 1));
    cache.setLive('b', Buffer.alloc(32, 2));
    cache.get('a');
    cache.setLive('c', Buffer.alloc(32, 3));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.[0]).toBe(1);
  });

  it('expires live keys after the TTL but remembers destroyed ones, and never revives them', () => {
    let now = 0;
    const cache = new DataKeyCache({ ttlMs: 100, now: () => now });
    cache.setLive('a', Buffer.alloc(32, 1));
    cache.setDestroyed('d');
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')).toBeNull();
    expect(cache.setLive('d', Buffer.alloc(32, 1))).toBe(false);
    expect(cache.get('d')).toBeNull();
  });

  it('hands out copies, so zeroing one cannot change the key another caller holds', () => {
    const cache = new DataKeyCache();
    const original = Buffer.alloc(32, 7);
    cache.setLive('a', original);
    original.fill(0);
    const first = cache.get('a')!;
    first.fill(0);
    expect(cache.get('a')?.[0]).toBe(7);
  });
});
