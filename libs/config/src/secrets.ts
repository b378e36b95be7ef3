import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type WorkwellConfig } from './config';

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface WorkwellSecrets {
  /** Wraps the per-participant data keys; the newest first. */
  readonly masterKeys: readonly MasterKey[];
  /** HS256 secret for bearer tokens, when no RS256 public key is configured. */
  readonly jwtSecret: string | undefined;
  readonly jwtPublicKey: string | undefined;
  /** HMAC key behind the evaluators' pseudonyms. */
  readonly pseudonymKey: Buffer;
  /** Where generated development secrets live, when they were generated. */
  readonly generatedFile: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const base64Key = (name: string, raw: string, bytes: number): Buffer => {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== bytes || key.toString('base64').replace(/=+$/, '') !== raw.trim().replace(/=+$/, '')) {
    throw new ConfigError(name, `must be ${bytes} random bytes in base64 (generate one with: openssl rand -base64 ${bytes}).`);
  }
  return key;
};

/** `WORKWELL_MASTER_KEYS=id1:base64,id0:base64` (newest first) or a single `WORKWELL_MASTER_KEY`. */
const masterKeysFrom = (env: Env): MasterKey[] | undefined => {
  if (env.WORKWELL_MASTER_KEYS) {
    return env.WORKWELL_MASTER_KEYS.split(',').map((entry) => {
      const [id, key] = entry.split(':');
      if (!id || !key) throw new ConfigError('WORKWELL_MASTER_KEYS', 'must be a comma-separated list of id:base64key, newest first.');
      return { id: id.trim(), key: base64Key('WORKWELL_MASTER_KEYS', key.trim(), 32) };
    });
  }
  if (env.WORKWELL_MASTER_KEY) return [{ id: 'master-1', key: base64Key('WORKWELL_MASTER_KEY', env.WORKWELL_MASTER_KEY, 32) }];
  return undefined;
};

interface DevSecretsFile {
  masterKey: string;
  jwtSecret: string;
  pseudonymKey: string;
  /** Added after the others: files written before it get it on their next read. */
  signingKey: string;
}

/**
 * Development secrets are generated once and kept beside the embedded database (git-ignored),
 * so that a restart can still decrypt what it wrote. In production every secret must be set.
 */
const devSecrets = (dataDir: string): { file: string; secrets: DevSecretsFile } => {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (fs.existsSync(file)) {
    const found = JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecretsFile;
    if (found.signingKey) return { file, secrets: found };
    const completed = { ...found, signingKey: randomBytes(32).toString('base64') };
    const temporary = `${file}.${process.pid}.partial`;
    fs.writeFileSync(temporary, JSON.stringify(completed, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(temporary, file);
    return { file, secrets: completed };
  }
  const secrets: DevSecretsFile = {
    masterKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(32).toString('base64url'),
    pseudonymKey: randomBytes(32).toString('base64'),
    signingKey: randomBytes(32).toString('base64'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return { file, secrets };
};

export const loadSecrets = (config: WorkwellConfig, env: Env = process.env): WorkwellSecrets => {
  const masterKeys = masterKeysFrom(env);
  const jwtPublicKey = env.WORKWELL_JWT_PUBLIC_KEY || undefined;
  const jwtSecret = env.WORKWELL_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32)
    throw new ConfigError('WORKWELL_JWT_SECRET', 'must be at least 32 characters long.');
  if (jwtPublicKey !== undefined && !jwtPublicKey.includes('BEGIN PUBLIC KEY'))
    throw new ConfigError('WORKWELL_JWT_PUBLIC_KEY', 'must be a PEM public key (-----BEGIN PUBLIC KEY-----).');
  const pseudonymKey = env.WORKWELL_PSEUDONYM_KEY ? base64Key('WORKWELL_PSEUDONYM_KEY', env.WORKWELL_PSEUDONYM_KEY, 32) : undefined;

  if (config.production) {
    if (!masterKeys) throw new ConfigError('WORKWELL_MASTER_KEY', 'is required in production (32 random bytes in base64).');
    if (!jwtSecret && !jwtPublicKey) throw new ConfigError('WORKWELL_JWT_PUBLIC_KEY', 'or WORKWELL_JWT_SECRET is required in production.');
    if (!pseudonymKey) throw new ConfigError('WORKWELL_PSEUDONYM_KEY', 'is required in production (32 random bytes in base64).');
    return { masterKeys, jwtSecret, jwtPublicKey, pseudonymKey, generatedFile: undefined };
  }
  const needsGenerated = !masterKeys || (!jwtSecret && !jwtPublicKey) || !pseudonymKey;
  const generated = needsGenerated ? devSecrets(config.dataDir) : undefined;
  return {
    masterKeys: masterKeys ?? [{ id: 'dev-1', key: Buffer.from(generated!.secrets.masterKey, 'base64') }],
    jwtSecret: jwtSecret ?? (jwtPublicKey ? undefined : generated!.secrets.jwtSecret),
    jwtPublicKey,
    pseudonymKey: pseudonymKey ?? Buffer.from(generated!.secrets.pseudonymKey, 'base64'),
    generatedFile: generated?.file,
  };
};

export interface SigningKeys {
  /** The Ed25519 private key (its 32-byte seed) that signs checkpoints; absent where checkpoints are only verified. */
  readonly signingKey: Buffer | undefined;
  /** Raw Ed25519 public keys (32 bytes each) that verifiers trust besides the signing key's own: older keys, or the auditors' only key. */
  readonly publicKeys: readonly Buffer[];
  readonly generatedFile: string | undefined;
}

/**
 * The checkpoint keys: `WORKWELL_SIGNING_KEY` (32 random bytes, base64, an Ed25519 seed) signs and
 * is needed only where checkpoints are written; `WORKWELL_SIGNING_PUBLIC_KEYS` (base64 public
 * keys, comma-separated) is enough to verify. Read only by the commands that sign or verify, so
 * that the API and the projector never hold the private key. In production what the purpose needs
 * is mandatory; in development the signing key is generated into the dev secrets file.
 */
export const loadSigningKeys = (config: WorkwellConfig, purpose: 'sign' | 'verify', env: Env = process.env): SigningKeys => {
  const signingKey = env.WORKWELL_SIGNING_KEY ? base64Key('WORKWELL_SIGNING_KEY', env.WORKWELL_SIGNING_KEY, 32) : undefined;
  const publicKeys = (env.WORKWELL_SIGNING_PUBLIC_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '')
    .map((key) => base64Key('WORKWELL_SIGNING_PUBLIC_KEYS', key, 32));
  const enough = signingKey !== undefined || (purpose === 'verify' && publicKeys.length > 0);
  if (enough) return { signingKey, publicKeys, generatedFile: undefined };
  if (config.production) {
    throw new ConfigError(
      'WORKWELL_SIGNING_KEY',
      purpose === 'sign'
        ? 'is required in production to sign checkpoints (32 random bytes in base64).'
        : 'or WORKWELL_SIGNING_PUBLIC_KEYS is required in production to verify checkpoints.',
    );
  }
  const generated = devSecrets(config.dataDir);
  return { signingKey: Buffer.from(generated.secrets.signingKey, 'base64'), publicKeys, generatedFile: generated.file };
};
