import crypto, { type KeyObject } from 'node:crypto';
import { canonicalJson } from '../hash-chain';

export const checkpointFormat = 'workwell-checkpoint/1';

/** What a checkpoint states, all of it signed. */
export interface CheckpointBody {
  readonly format: typeof checkpointFormat;
  /** 1 for the first checkpoint of a log, then one more each. */
  readonly seq: number;
  /** When it was signed (ISO 8601, UTC). */
  readonly at: string;
  /** The store's head position: every event at or below it is covered, none above it. */
  readonly position: number;
  readonly streams: number;
  readonly events: number;
  /** RFC 6962 Merkle root (hex) of the stream heads as known at `position`, in stream-id byte order. */
  readonly root: string;
  /** The file beside the log that lists those heads (the root authenticates it). */
  readonly heads: string;
  /** SHA-256 (hex) of the previous checkpoint of the log, signature included; null for the first. */
  readonly previous: string | null;
  /** Which public key verifies it (see `keyIdOf`). */
  readonly keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 signature (base64) over the canonical JSON of the body. */
  readonly signature: string;
}

/** The private key that signs checkpoints, with the public half verifiers need. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly verifying: VerifyingKey;
}

export interface VerifyingKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** The raw 32-byte public key in base64, as WORKWELL_SIGNING_PUBLIC_KEYS takes it. */
  readonly base64: string;
}

// DER headers of an Ed25519 PKCS#8 private key and SPKI public key: the raw 32 bytes follow.
const pkcs8Header = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiHeader = Buffer.from('302a300506032b6570032100', 'hex');

const verifyingKeyOf = (publicKey: KeyObject): VerifyingKey => {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(spkiHeader.length);
  return { publicKey, keyId: keyIdOf(raw), base64: raw.toString('base64') };
};

export const keyIdOf = (rawPublicKey: Buffer): string => `ed25519:${crypto.hash('sha256', rawPublicKey, 'hex').slice(0, 16)}`;

/** Any 32 random bytes are an Ed25519 seed (`openssl rand -base64 32`). */
export const signingKeyFromSeed = (seed: Buffer): SigningKey => {
  if (seed.length !== 32) throw new RangeError('An Ed25519 signing key is 32 bytes.');
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([pkcs8Header, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, verifying: verifyingKeyOf(crypto.createPublicKey(privateKey)) };
};

export const verifyingKeyFromRaw = (raw: Buffer): VerifyingKey => {
  if (raw.length !== 32) throw new RangeError('An Ed25519 public key is 32 bytes.');
  return verifyingKeyOf(crypto.createPublicKey({ key: Buffer.concat([spkiHeader, raw]), format: 'der', type: 'spki' }));
};

const bodyOf = (checkpoint: Checkpoint | CheckpointBody): CheckpointBody => {
  const { signature: _signature, ...body } = checkpoint as Checkpoint;
  return body;
};

const signedBytes = (body: CheckpointBody): Buffer => Buffer.from(canonicalJson(body), 'utf8');

export const signCheckpoint = (body: Omit<CheckpointBody, 'keyId'>, key: SigningKey): Checkpoint => {
  const signed: CheckpointBody = { ...body, keyId: key.verifying.keyId };
  return { ...signed, signature: crypto.sign(null, signedBytes(signed), key.privateKey).toString('base64') };
};

/** Whether one of the trusted keys signed exactly this checkpoint; why not, otherwise. */
export const checkpointSignatureProblem = (checkpoint: Checkpoint, trusted: readonly VerifyingKey[]): string | null => {
  const key = trusted.find((candidate) => candidate.keyId === checkpoint.keyId);
  if (!key) return `it names key ${String(checkpoint.keyId)}, which is not one of the trusted public keys`;
  if (typeof checkpoint.signature !== 'string') return 'it carries no signature';
  const valid = crypto.verify(null, signedBytes(bodyOf(checkpoint)), key.publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return valid ? null : 'its signature does not verify: the line was changed after it was signed';
};

/** What the next checkpoint names as its `previous`. */
export const checkpointDigest = (checkpoint: Checkpoint): string => crypto.hash('sha256', canonicalJson(checkpoint), 'hex');
