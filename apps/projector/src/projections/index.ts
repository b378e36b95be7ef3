import type { StoredEvent } from '@workwell/event-store';
import type { Projection } from '../runner/projection';

/** Every read model the projector keeps. */
export const projections: readonly Projection[] = [];

export const upcastStored = (event: StoredEvent): StoredEvent => event;
