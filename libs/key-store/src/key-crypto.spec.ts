import { freshIv, openWithKey, sealWithKey } from './key-crypto';

describe('sealing IVs', () => {
  it('never repeats an IV across refills of the pool, and no IV changes once handed out', () => {
    const first = freshIv();
    const kept = Buffer.from(first);
    const seen = new Set<string>([first.toString('hex')]);
    // Past three refills of the 1,024-IV pool.
    for (let i = 0; i < 3_500; i++) seen.add(freshIv().toString('hex'));
    expect(seen.size).toBe(3_501);
    expect(first.length).toBe(12);
    expect(first.equals(kept)).toBe(true);
  });

  it('seals the same text twice under different IVs, and both open', () => {
    const key = Buffer.alloc(32, 3);
    const [a, b] = [sealWithKey(key, 'k1', 'Ada'), sealWithKey(key, 'k1', 'Ada')];
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect([openWithKey(key, a), openWithKey(key, b)]).toEqual(['Ada', 'Ada']);
  });
});
