import { BlockList, isIP } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitSettings } from '@workwell/config';
import { problem } from '../http/problem';

const minute = 60_000;
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Probes and scrapes are never refused: a blocked address must not fail a liveness probe and restart a healthy process. */
const probes = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** Addresses and CIDR ranges (as RATE_LIMIT_EXEMPT lists them) to a test of a client address, IPv4-mapped IPv6 included. */
const addressTest = (entries: readonly string[]): ((address: string) => boolean) => {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  const check = (address: string): boolean => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return list.check(mapped ?? address, isIP(mapped ?? address) === 6 ? 'ipv6' : 'ipv4');
  };
  // BlockList.check builds a SocketAddress each time, and every request asks twice; clients are few.
  const known = new Map<string, boolean>();
  return (address) => {
    let exempt = known.get(address);
    if (exempt === undefined) {
      if (known.size >= 10_000) known.clear();
      known.set(address, (exempt = check(address)));
    }
    return exempt;
  };
};

const refuse = (reply: FastifyReply, code: string, detail: string, retryAfterSeconds: number): FastifyReply =>
  reply
    .status(429)
    .header('content-type', 'application/problem+json')
    .header('retry-after', String(retryAfterSeconds))
    .send(problem(429, code, 'Too many requests', `${detail} Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds }));

/**
 * Per client address (the proxy's client once TRUST_PROXY is set), in each API process:
 * - writes: at most `writesPerMinute` POSTs a minute, counted when they arrive;
 * - authentication failures: after `authFailuresPerMinute` answers of 401 in a minute, every
 *   further request from that address is refused until the minute is over, so a client cannot
 *   go on guessing tokens. Counted on the answer, so callers with good tokens are never slowed.
 * Refusals are 429 problems with Retry-After. Exempt addresses (loopback outside production by
 * default), health probes and metric scrapes are never limited; a limit of 0 turns that limit off.
 */
export const limitRates = async (app: NestFastifyApplication, settings: RateLimitSettings): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(rateLimit, { global: false });
  const exempt = addressTest(settings.exempt);
  const allowList = (request: FastifyRequest) => exempt(request.ip);
  const writes = fastify.createRateLimit({ max: settings.writesPerMinute, timeWindow: minute, allowList });
  const failures = fastify.createRateLimit({ max: settings.authFailuresPerMinute, timeWindow: minute, allowList });

  if (settings.authFailuresPerMinute > 0) {
    fastify.addHook('onRequest', async (request, reply) => {
      if (probes.has(request.routeOptions.url ?? '')) return;
      const seen = await failures(request, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0)
        return refuse(
          reply,
          'TOO_MANY_AUTHENTICATION_FAILURES',
          `Too many requests from your address failed authentication (${seen.max} a minute).`,
          Math.max(1, seen.ttlInSeconds),
        );
    });
    fastify.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode === 401) await failures(request);
    });
  }
  if (settings.writesPerMinute > 0) {
    fastify.addHook('onRequest', async (request, reply) => {
      if (!writeMethods.has(request.method)) return;
      const counted = await writes(request);
      if (!counted.isAllowed && counted.isExceeded)
        return refuse(
          reply,
          'TOO_MANY_WRITES',
          `Too many writes from your address (at most ${counted.max} a minute).`,
          Math.max(1, counted.ttlInSeconds),
        );
    });
  }
};
