import { destroyKeyQuery } from '@workwell/key-store';
import type { Projection } from '../projection';

/**
 * Not a read model: the guarantee behind erasure. Whoever recorded a `ParticipantErased` also
 * destroys the key, but a crash in between must not leave it alive; this destroys it again,
 * exactly once per event, in the same transaction as the checkpoint.
 */
export const keyShredderProjection: Projection = {
  name: 'key-shredder',
  version: 1,
  handles: ['ParticipantErased'],
  dataOf: ['ParticipantErased'],
  actorOf: [],
  tables: [],
  durable: true,
  schema: () => 'SELECT 1',
  indexes: () => 'SELECT 1',
  apply: (batch) =>
    batch.events.flatMap((event) =>
      event.type === 'ParticipantErased' ? [destroyKeyQuery(event.data.keyId, event.data.reasonCode.code)] : [],
    ),
};
