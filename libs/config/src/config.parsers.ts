import { isIP } from 'node:net';

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`Configuration error: ${setting} ${reason}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const given = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
};

export const port = (env: Env, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError(name, `must be a whole number from 1 to 65535 (got "${raw}").`);
  }
  return Number(raw);
};

export const optionalPort = (env: Env, name: string): number | undefined => (given(env, name) ? port(env, name, 0) : undefined);

export const wholeNumber = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = given(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return Number(raw);
};

export const oneOf = <T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}").`);
  }
  return raw as T;
};

export const postgresUrl = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (expected postgres://user:password@host:5432/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// or postgresql:// (got "${url.protocol}//").`);
  }
  return raw;
};

const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** `https://coach.example.nhs.uk,https://other.example` exactly as browsers send Origin: scheme, host, port, no path. */
export const origins = (env: Env, name: string): string[] => {
  const raw = given(env, name);
  if (raw === undefined || raw === 'none') return [];
  return list(raw).map((origin) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new ConfigError(name, `must list origins such as https://coach.example.nhs.uk, without paths or "*" (got "${origin}").`);
    }
    return origin;
  });
};

const addressOrRange = (item: string): boolean => {
  const [address, bits, ...rest] = item.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
};

/** IP addresses or CIDR ranges, or `none`. */
export const addresses = (env: Env, name: string, fallback: readonly string[]): string[] => {
  const raw = given(env, name);
  if (raw === undefined) return [...fallback];
  if (raw === 'none') return [];
  const items = list(raw);
  const wrong = items.find((item) => !addressOrRange(item));
  if (wrong !== undefined)
    throw new ConfigError(name, `must be IP addresses or CIDR ranges separated by commas, or none (got "${wrong}").`);
  return items;
};

/** Fastify's trustProxy: false, true (trust every hop), a number of hops, or the proxies' addresses and ranges. */
export const trustProxy = (env: Env, name: string): boolean | number | string[] => {
  const raw = given(env, name);
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const items = list(raw);
  const wrong = items.find((item) => !addressOrRange(item) && !['loopback', 'linklocal', 'uniquelocal'].includes(item));
  if (wrong !== undefined)
    throw new ConfigError(
      name,
      `must be false, true, a number of proxy hops, or proxy addresses and CIDR ranges (loopback, uniquelocal allowed) (got "${wrong}").`,
    );
  return items;
};
