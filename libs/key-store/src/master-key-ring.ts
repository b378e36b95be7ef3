import { assertMasterKey, unwrapDataKey, wrapDataKey } from './key-crypto';
import { InvalidMasterKey, MasterKeyMismatch, UnknownMasterKey } from './key-store.errors';
import type { MasterKey } from './personal-data.types';

/**
 * The configured master keys, newest first (as WORKWELL_MASTER_KEYS lists them). New data keys
 * are wrapped by the newest; older ones stay configured until `rewrap` has moved every data
 * key off them.
 */
export class MasterKeyRing {
  private readonly byId = new Map<string, Buffer>();
  readonly current: MasterKey;

  constructor(masterKeys: readonly MasterKey[]) {
    if (masterKeys.length === 0) throw new InvalidMasterKey('at least one master key is required');
    for (const masterKey of masterKeys) {
      assertMasterKey(masterKey);
      if (this.byId.has(masterKey.id)) throw new InvalidMasterKey(`master key id "${masterKey.id}" appears twice`);
      this.byId.set(masterKey.id, Buffer.from(masterKey.key));
    }
    this.current = { id: masterKeys[0].id, key: this.byId.get(masterKeys[0].id)! };
  }

  wrap(dataKey: Buffer, keyId: string): { readonly masterKeyId: string; readonly wrapped: Buffer } {
    return { masterKeyId: this.current.id, wrapped: wrapDataKey(dataKey, this.current.key, keyId) };
  }

  unwrap(wrapped: Buffer, masterKeyId: string, keyId: string): Buffer {
    const masterKey = this.byId.get(masterKeyId);
    if (!masterKey) throw new UnknownMasterKey(masterKeyId);
    const dataKey = unwrapDataKey(wrapped, masterKey, keyId);
    if (!dataKey) throw new MasterKeyMismatch(keyId, masterKeyId);
    return dataKey;
  }
}
