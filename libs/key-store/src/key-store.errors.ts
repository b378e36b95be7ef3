/** The envelope was altered, truncated or relabelled: GCM authentication failed. Not an erasure. */
export class SealedDataCorrupted extends Error {
  readonly code = 'SEALED_DATA_CORRUPTED';
  constructor(
    readonly keyId: string,
    reason = 'authentication failed',
  ) {
    super(`Sealed personal data for key ${keyId} cannot be trusted (${reason}): it was altered or damaged.`);
    this.name = 'SealedDataCorrupted';
  }
}

/** New personal data cannot be sealed for a participant whose data was erased. */
export class PersonalDataKeyDestroyed extends Error {
  readonly code = 'PERSONAL_DATA_KEY_DESTROYED';
  constructor(readonly keyId: string) {
    super(`The personal data of ${keyId} was erased; nothing new can be recorded under that key.`);
    this.name = 'PersonalDataKeyDestroyed';
  }
}

/**
 * An envelope names a key the store has never held, not even as a destroyed tombstone: the
 * store points at the wrong database, or rows were removed behind its back.
 */
export class PersonalDataKeyMissing extends Error {
  readonly code = 'PERSONAL_DATA_KEY_MISSING';
  constructor(readonly keyId: string) {
    super(`No data key ${keyId} exists in this key store (never created, nor destroyed).`);
    this.name = 'PersonalDataKeyMissing';
  }
}

export class UnknownMasterKey extends Error {
  readonly code = 'UNKNOWN_MASTER_KEY';
  constructor(readonly masterKeyId: string) {
    super(`Data keys are wrapped by master key "${masterKeyId}", which is not configured: add it back to the key ring.`);
    this.name = 'UnknownMasterKey';
  }
}

/** The configured master key of that id is not the one that wrapped the data key. */
export class MasterKeyMismatch extends Error {
  readonly code = 'MASTER_KEY_MISMATCH';
  constructor(
    readonly keyId: string,
    readonly masterKeyId: string,
  ) {
    super(`Master key "${masterKeyId}" does not unwrap data key ${keyId}: the configured key is not the one that wrapped it.`);
    this.name = 'MasterKeyMismatch';
  }
}

export class InvalidMasterKey extends Error {
  readonly code = 'INVALID_MASTER_KEY';
  constructor(reason: string) {
    super(`Invalid master key configuration: ${reason}`);
    this.name = 'InvalidMasterKey';
  }
}
