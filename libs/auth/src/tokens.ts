import { createPublicKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { WorkwellSecrets } from '@workwell/config';
import { roles, siteBound, type Principal, type Role } from './principal';

const issuer = 'workwell';
const audience = 'workwell-api';

export class InvalidToken extends Error {}

type VerifyKey = Uint8Array | KeyObject;

const verificationKey = (secrets: WorkwellSecrets): { key: VerifyKey; algorithms: string[] } =>
  secrets.jwtPublicKey
    ? { key: createPublicKey(secrets.jwtPublicKey), algorithms: ['RS256'] }
    : { key: new TextEncoder().encode(secrets.jwtSecret!), algorithms: ['HS256'] };

/**
 * Tokens already verified, with their expiry: a coach's front end sends the same token with
 * every request, and verifying the signature each time is a measurable share of a write.
 */
export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly capacity: number) {}

  get(token: string, now: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, verified: VerifiedToken): Principal {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, verified);
    return verified.principal;
  }
}

export interface VerifiedToken {
  readonly principal: Principal;
  /** Epoch milliseconds of the token's `exp`. */
  readonly expiresAt: number;
}

/** Verifies a bearer token and reads the principal from its claims; every failure is an InvalidToken with a reason. */
export const verifyToken = async (token: string, secrets: WorkwellSecrets): Promise<VerifiedToken> => {
  const { key, algorithms } = verificationKey(secrets);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms, issuer, audience }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidToken('The token has expired; get a new one.');
    if (error instanceof errors.JWTClaimValidationFailed) throw new InvalidToken(`The token's ${error.claim} claim is not accepted here.`);
    throw new InvalidToken('The token is not valid for this service.');
  }
  const role = payload.role;
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidToken('The token has no subject (sub).');
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role))
    throw new InvalidToken(`The token's role must be one of ${roles.join(', ')}.`);
  const site = typeof payload.site === 'string' && payload.site !== '' ? payload.site : undefined;
  if (siteBound(role as Role) && !site) throw new InvalidToken(`A ${role} token must name its site.`);
  if (typeof payload.exp !== 'number') throw new InvalidToken('The token has no expiry (exp).');
  return {
    principal: { userId: payload.sub, role: role as Role, site, organisation: typeof payload.org === 'string' ? payload.org : 'unknown' },
    expiresAt: payload.exp * 1000,
  };
};

export interface MintOptions {
  readonly sub: string;
  readonly role: Role;
  readonly site?: string;
  readonly organisation?: string;
  readonly ttlSeconds: number;
  readonly now?: Date;
}

/** Development tokens, signed with the local HS256 secret (production tokens come from the identity provider). */
export const mintToken = async (options: MintOptions, secrets: WorkwellSecrets): Promise<string> => {
  if (!secrets.jwtSecret)
    throw new InvalidToken(
      'Tokens can only be minted with an HS256 secret (WORKWELL_JWT_SECRET); an RS256 key is configured, so use your identity provider.',
    );
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ role: options.role, ...(options.site ? { site: options.site } : {}), org: options.organisation ?? 'local-dev' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .sign(new TextEncoder().encode(secrets.jwtSecret));
};
