export const ROLES = ['coach', 'manager', 'evaluator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the pages read from the token to choose what to show; the API verifies it on every call. */
export interface Claims {
  readonly sub: string;
  readonly role: Role;
  readonly site?: string;
  /** Epoch seconds. */
  readonly exp: number;
}

export class SignInError extends Error {}

const STORAGE_KEY = 'workwell.token';

const base64UrlJson = (part: string): unknown => {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

export const claimsOf = (token: string, nowSeconds: number): Claims => {
  const parts = token.split('.');
  if (parts.length !== 3) throw new SignInError('That is not a bearer token: a token has three parts separated by dots.');
  let payload: Record<string, unknown>;
  try {
    payload = base64UrlJson(parts[1]) as Record<string, unknown>;
  } catch {
    throw new SignInError('That token cannot be read: copy the whole token, with nothing before or after it.');
  }
  const { sub, role, site, exp } = payload;
  if (typeof sub !== 'string' || sub === '') throw new SignInError('The token names no user (its sub claim is missing).');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    throw new SignInError(`The token's role must be one of ${ROLES.join(', ')}.`);
  if (typeof exp !== 'number') throw new SignInError('The token has no expiry (exp).');
  if (exp <= nowSeconds) throw new SignInError('The token has expired: make a new one.');
  return { sub, role: role as Role, site: typeof site === 'string' && site !== '' ? site : undefined, exp };
};

/** The bearer token for this browser tab only (sessionStorage): closing the tab or signing out forgets it. */
export class Session {
  constructor(private readonly storage: Storage = sessionStorage) {}

  get token(): string | undefined {
    return this.storage.getItem(STORAGE_KEY) ?? undefined;
  }

  get claims(): Claims | undefined {
    const token = this.token;
    if (token === undefined) return undefined;
    try {
      return claimsOf(token, Date.now() / 1000);
    } catch {
      this.signOut();
      return undefined;
    }
  }

  signIn(token: string): Claims {
    const trimmed = token.trim().replace(/^Bearer\s+/i, '');
    const claims = claimsOf(trimmed, Date.now() / 1000);
    this.storage.setItem(STORAGE_KEY, trimmed);
    return claims;
  }

  signOut(): void {
    this.storage.removeItem(STORAGE_KEY);
  }
}
