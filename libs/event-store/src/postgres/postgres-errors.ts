import { EventStoreUnavailable } from '../event-store.port';

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
  readonly message?: string;
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, idle-in-transaction timeout.
const serverUnavailableCodes = new Set(['57P01', '57P02', '57P03', '53300', '25P03']);
const lostConnectionMessage =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i;

const asPgError = (error: unknown): PgError => (typeof error === 'object' && error !== null ? (error as PgError) : {});

/** True when the failure is about reaching the server, not about the request. */
export const isConnectionFailure = (error: unknown): boolean => {
  const { code, message } = asPgError(error);
  if (code && (networkCodes.has(code) || serverUnavailableCodes.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && lostConnectionMessage.test(message);
};

export const isUniqueViolation = (error: unknown, constraint: string): boolean => {
  const pg = asPgError(error);
  return pg.code === '23505' && pg.constraint === constraint;
};

/** Connection failures become EventStoreUnavailable; everything else passes through unchanged. */
export const mapError = (error: unknown, doing: string): Error => {
  if (error instanceof EventStoreUnavailable) return error;
  if (isConnectionFailure(error)) {
    return new EventStoreUnavailable(
      `The event store could not be reached while ${doing}: ${asPgError(error).message ?? String(error)}`,
      error,
    );
  }
  const pg = asPgError(error);
  if (pg.code === '23505' && pg.constraint === 'events_event_id_key') {
    return new Error(`An event with the same eventId is already stored (${pg.message}); event ids must be unique.`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
};
