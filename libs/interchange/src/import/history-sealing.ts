import type { Pool } from 'pg';
import { keySealer, placeholderSealer, type Sealer } from '@workwell/commands';
import { participantKeyId } from '@workwell/domain';
import { BulkKeyIssuer, type KeyStore, type MasterKey } from '@workwell/key-store';

/** Where an import's participants get their data keys. */
export interface HistorySealing {
  sealerFor(participantId: string): Sealer;
  /** Writes the keys issued since the last call: before any event sealed with them is written. */
  beforeWrite(): Promise<void>;
}

/**
 * Fresh keys made in memory and written a batch at a time (the synthetic import's way): only for
 * participants known to have no key yet, since a key already there would be kept and the new one
 * lost.
 */
export const bulkSealing = (pool: Pool, masterKeys: readonly MasterKey[]): HistorySealing => {
  const issuer = new BulkKeyIssuer(masterKeys);
  return {
    sealerFor: (participantId) => {
      const keyId = participantKeyId(participantId);
      return {
        text: async (value) => issuer.seal(keyId, value),
        optionalText: async (value) => (value === undefined || value === null || value === '' ? null : issuer.seal(keyId, value)),
        json: async (value) => issuer.seal(keyId, value),
      };
    },
    beforeWrite: async () => void (await issuer.flush(pool)),
  };
};

/** Through the key store, which reuses a key an interrupted run left behind: slower, always right. */
export const keyStoreSealing = (keyStore: KeyStore): HistorySealing => ({
  sealerFor: (participantId) => keySealer(keyStore, participantId),
  beforeWrite: async () => undefined,
});

/** An erased participant's history is decided and written without sealing anything of theirs. */
export const sealNothing = placeholderSealer;
