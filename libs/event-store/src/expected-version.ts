import type { ExpectedVersion } from './event-store.port';

export const satisfiesExpectedVersion = (expected: ExpectedVersion, version: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? version === 0 : expected === 'stream_exists' ? version > 0 : version === expected);

export const assertExpectedVersion = (expected: ExpectedVersion): void => {
  const valid =
    expected === 'any' || expected === 'no_stream' || expected === 'stream_exists' || (Number.isInteger(expected) && expected >= 0);
  if (!valid) throw new TypeError(`Invalid expected version ${String(expected)}.`);
};
