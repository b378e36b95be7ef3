import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type RecordedSiteConfiguration,
  SITE_CONFIGURATIONS_STREAM,
  type SiteConfiguration,
  type SiteRegistry,
  siteRegistryOf,
  validateSiteConfiguration,
} from '@workwell/domain';
import { type EventStore, type ExpectedVersion, readWholeStream } from '@workwell/event-store';

/** Every site configuration recorded, in store order: the registry every reader cuts as it needs. */
export const loadSiteRegistry = async (store: EventStore): Promise<SiteRegistry> =>
  siteRegistryOf(await readWholeStream(store, SITE_CONFIGURATIONS_STREAM));

export interface ConfigurationChange {
  readonly recordedBy: Actor;
  readonly occurredAt: string;
  /** The configuration stream's version the change was decided on (the ETag of `GET /sites`). */
  readonly expectedVersion?: ExpectedVersion;
  readonly idempotencyKey?: string;
}

/** Checks a site's configuration and appends it; nothing is appended when it is refused. */
export const recordSiteConfiguration = async (
  store: EventStore,
  input: unknown,
  change: ConfigurationChange,
): Promise<RecordedSiteConfiguration> => {
  const configuration: SiteConfiguration = validateSiteConfiguration(input);
  const data = { ...configuration, occurredAt: change.occurredAt, recordedBy: change.recordedBy };
  const result = await store.append(
    SITE_CONFIGURATIONS_STREAM,
    [
      {
        type: 'SiteConfigured',
        schemaVersion: 1,
        data,
        metadata: {
          occurredAt: change.occurredAt,
          actor: change.recordedBy,
          correlationId: randomUUID(),
          causationId: null,
          ...(change.idempotencyKey === undefined ? {} : { idempotencyKey: change.idempotencyKey }),
        },
      },
    ],
    {
      expectedVersion: change.expectedVersion ?? 'any',
      idempotencyKey: change.idempotencyKey === undefined ? undefined : `user:${change.recordedBy.userId}:${change.idempotencyKey}`,
    },
  );
  const stored = result.events[0];
  return { ...(stored.data as typeof data), recordedAt: stored.recordedAt, position: stored.position, version: stored.version };
};
