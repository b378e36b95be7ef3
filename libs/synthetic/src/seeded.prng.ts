/** A small, fast, seeded generator (mulberry32): the same seed always gives the same journeys. */
export const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Mixes numbers into one 32-bit seed, so that participant n of a run can be generated on its own. */
export const mixSeed = (...parts: readonly number[]): number => {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x01000193);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
};

export type Weights<K extends string> = Readonly<Partial<Record<K, number>>>;

export interface Random {
  /** In [0, 1). */
  readonly next: () => number;
  /** A whole number from min to max, both included. */
  readonly int: (min: number, max: number) => number;
  readonly between: (min: number, max: number) => number;
  readonly chance: (probability: number) => boolean;
  readonly pick: <T>(items: readonly T[]) => T;
  readonly weighted: <K extends string>(weights: Weights<K>) => K;
  /** A version-4-shaped UUID drawn from the generator, not from the system. */
  readonly uuid: () => string;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex8 = (n: number): string =>
  HEX_BYTES[(n >>> 24) & 255] + HEX_BYTES[(n >>> 16) & 255] + HEX_BYTES[(n >>> 8) & 255] + HEX_BYTES[n & 255];

export const createRandom = (seed: number): Random => {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const word = () => Math.floor(next() * 4294967296);
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: <K extends string>(weights: Weights<K>): K => {
      const entries = Object.entries(weights) as [K, number][];
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    uuid: () => {
      const digits = hex8(word()) + hex8(word()) + hex8(word()) + hex8(word());
      const variant = '89ab'[parseInt(digits[16], 16) & 3];
      return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20)}`;
    },
  };
};
