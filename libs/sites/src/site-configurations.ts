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
  /** Kept with the event (what the request was, so that a reused idempotency key is recognised). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What an append of a configuration answered: the configuration as stored, and whether it answers a retry. */
export interface RecordedChange {
  readonly configuration: RecordedSiteConfiguration;
  /** A retry with the idempotency key of a change already recorded: that first change, nothing appended again. */
  readonly duplicate: boolean;
  /** The stored event's metadata (on a retry, the first request's). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** The idempotency key was used by the same user for a write that is not a site configuration (a journey command). */
export class IdempotencyKeyUsedElsewhere extends Error {
  constructor(readonly streamId: string) {
    super('This idempotency key was already used for another write.');
    this.name = 'IdempotencyKeyUsedElsewhere';
  }
}

/** Checks a site's configuration and appends it; nothing is appended when it is refused. */
export const recordSiteConfigurationChange = async (
  store: EventStore,
  input: unknown,
  change: ConfigurationChange,
): Promise<RecordedChange> => {
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
          ...change.metadata,
        },
      },
    ],
    {
      expectedVersion: change.expectedVersion ?? 'any',
      idempotencyKey: change.idempotencyKey === undefined ? undefined : `user:${change.recordedBy.userId}:${change.idempotencyKey}`,
    },
  );
  // The store's keys are the user's, whatever they wrote: the same key on a journey command finds that command.
  if (result.streamId !== SITE_CONFIGURATIONS_STREAM) throw new IdempotencyKeyUsedElsewhere(result.streamId);
  const stored = result.events[0];
  return {
    configuration: { ...(stored.data as typeof data), recordedAt: stored.recordedAt, position: stored.position, version: stored.version },
    duplicate: result.duplicate,
    metadata: stored.metadata,
  };
};

/** Checks a site's configuration and appends it; nothing is appended when it is refused. */
export const recordSiteConfiguration = async (
  store: EventStore,
  input: unknown,
  change: ConfigurationChange,
): Promise<RecordedSiteConfiguration> => (await recordSiteConfigurationChange(store, input, change)).configuration;
