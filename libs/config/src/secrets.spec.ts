import fs from 'node:fs';
import path from 'node:path';
import { temporaryDirectories } from '@workwell/testing';
import { loadConfig } from './config';
import { loadSecrets, loadSigningKeys } from './secrets';

describe('loadSecrets', () => {
  const dataDir = temporaryDirectories('ww-secrets-');

  it('generates development secrets once and finds the same ones on the next start', () => {
    const dir = dataDir();
    const config = loadConfig({ WORKWELL_DATA_DIR: dir });
    const first = loadSecrets(config, {});
    const second = loadSecrets(config, {});
    expect(first.masterKeys[0].key).toHaveLength(32);
    expect(second.masterKeys[0].key.equals(first.masterKeys[0].key)).toBe(true);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(fs.statSync(first.generatedFile!).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('requires every secret in production, naming the missing one', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(() => loadSecrets(config, {})).toThrow(
      'Configuration error: WORKWELL_MASTER_KEY is required in production (32 random bytes in base64).',
    );
  });

  it('refuses a master key that is not 32 bytes of base64', () => {
    expect(() => loadSecrets(loadConfig({ WORKWELL_DATA_DIR: dataDir() }), { WORKWELL_MASTER_KEY: 'c2hvcnQ=' })).toThrow(
      /WORKWELL_MASTER_KEY must be 32 random bytes in base64/,
    );
  });

  it('reads a rotated key ring, newest first', () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('base64');
    const secrets = loadSecrets(loadConfig({ WORKWELL_DATA_DIR: dataDir() }), { WORKWELL_MASTER_KEYS: `k2:${b},k1:${a}` });
    expect(secrets.masterKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  describe('the checkpoint signing keys', () => {
    it('are generated once in development into the dev secrets file, also into one written before they existed', () => {
      const dir = dataDir();
      const config = loadConfig({ WORKWELL_DATA_DIR: dir });
      const older = {
        masterKey: Buffer.alloc(32, 1).toString('base64'),
        jwtSecret: 'x'.repeat(43),
        pseudonymKey: Buffer.alloc(32, 2).toString('base64'),
      };
      fs.writeFileSync(path.join(dir, 'dev-secrets.json'), JSON.stringify(older), { mode: 0o600 });
      const first = loadSigningKeys(config, 'sign', {});
      expect(first.signingKey).toHaveLength(32);
      expect(loadSigningKeys(config, 'verify', {}).signingKey!.equals(first.signingKey!)).toBe(true);
      expect(JSON.parse(fs.readFileSync(first.generatedFile!, 'utf8'))).toMatchObject(older);
      expect(fs.statSync(first.generatedFile!).mode & 0o777).toBe(0o600);
      expect(loadSecrets(config, {}).masterKeys[0].key.equals(Buffer.alloc(32, 1))).toBe(true);
      fs.rmSync(dir, { recursive: true });
    });

    it('are mandatory in production: the private key to sign, a public key at least to verify', () => {
      const config = loadConfig({ NODE_ENV: 'production' });
      const publicKey = Buffer.alloc(32, 5).toString('base64');
      expect(() => loadSigningKeys(config, 'sign', { WORKWELL_SIGNING_PUBLIC_KEYS: publicKey })).toThrow(
        'Configuration error: WORKWELL_SIGNING_KEY is required in production to sign checkpoints (32 random bytes in base64).',
      );
      expect(() => loadSigningKeys(config, 'verify', {})).toThrow(/WORKWELL_SIGNING_KEY or WORKWELL_SIGNING_PUBLIC_KEYS is required/);
      const verifying = loadSigningKeys(config, 'verify', {
        WORKWELL_SIGNING_PUBLIC_KEYS: `${publicKey}, ${Buffer.alloc(32, 6).toString('base64')}`,
      });
      expect(verifying).toMatchObject({ signingKey: undefined, generatedFile: undefined });
      expect(verifying.publicKeys.map((k) => k[0])).toEqual([5, 6]);
      expect(() => loadSigningKeys(config, 'sign', { WORKWELL_SIGNING_KEY: 'c2hvcnQ=' })).toThrow(
        /WORKWELL_SIGNING_KEY must be 32 random bytes/,
      );
    });
  });
});
