import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { participantKeyId, type Actor, type JourneyCommand, type JourneyCommandOfType, type JourneyCommandType, type SealedPersonalData } from '@workwell/domain';
import type { AppendResult } from '@workwell/event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { problem, problemType, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { IdempotentResponses, requestFingerprint, validIdempotencyKey, type StoredResponse } from '../infrastructure/idempotency';
import { RecordJourney } from './record-journey.command';

/** Seals clear text under the participant's own data key before it goes into a command. */
export interface Sealer {
  text(value: string): Promise<SealedPersonalData>;
  optionalText(value: string | undefined | null): Promise<SealedPersonalData | null>;
  json(value: object): Promise<SealedPersonalData>;
}

export interface RecordedResponse {
  readonly participantId: string;
  readonly version: number;
  readonly position: number;
  readonly recorded: readonly { type: string; version: number; position: number; eventId: string }[];
}

const idHeader = /^[A-Za-z0-9._:-]{1,128}$/;

const ifMatchVersion = (header: string | string[] | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const match = String(header).trim().match(/^(?:W\/)?"(\d{1,9})"$/);
  if (!match) throw new ProblemError(problem(400, 'INVALID_IF_MATCH', 'Invalid request', 'If-Match must be the ETag of a participant, e.g. W/"7".'));
  return Number(match[1]);
};

/**
 * Everything a journey write has in common: idempotent replay, If-Match, sealing, the command
 * context from the token, and the answer (ETag, position, what was recorded).
 */
@Injectable()
export class JourneyWriter {
  private readonly responses: IdempotentResponses;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
  ) {
    this.responses = new IdempotentResponses(deps.pool);
  }

  async record<T extends JourneyCommandType>(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    participantId: string,
    type: T,
    build: (seal: Sealer) => Promise<JourneyCommandOfType<T>['data']> | JourneyCommandOfType<T>['data'],
    successStatus = 200,
  ): Promise<unknown> {
    const principal = request.principal;
    const key = validIdempotencyKey(request.headers['idempotency-key']);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    if (key) {
      const earlier = await this.responses.find(key, principal.userId, fingerprint);
      if (earlier) return this.answer(reply, { ...earlier, headers: { ...earlier.headers, 'idempotent-replay': 'true' } });
    }
    const ifMatch = ifMatchVersion(request.headers['if-match']);
    const data = await build(this.sealer(participantId));
    const command = { type, data, context: this.context(request, principal, participantId, key) } as JourneyCommand;
    const result: AppendResult = await this.commandBus.execute(new RecordJourney(command, principal, ifMatch));
    const response = this.toResponse(participantId, result, successStatus, type === 'ReferParticipant');
    if (key) await this.responses.remember(key, principal.userId, fingerprint, response);
    return this.answer(reply, response);
  }

  private toResponse(participantId: string, result: AppendResult, status: number, created: boolean): StoredResponse {
    const body: RecordedResponse = {
      participantId,
      version: result.version,
      position: result.position,
      recorded: result.events.map((e) => ({ type: e.type, version: e.version, position: e.position, eventId: e.eventId })),
    };
    const headers: Record<string, string> = { etag: `W/"${result.version}"`, 'x-position': String(result.position) };
    if (created) headers.location = `/participants/${participantId}`;
    const blocked = result.events.find((e) => e.type === 'DataSharingBlocked');
    if (!blocked) return { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body };
    const reason = (blocked.data as { reason: string; reasonCode: string }).reason;
    const code = (blocked.data as { reasonCode: string }).reasonCode;
    return {
      status: 422,
      headers: { ...headers, 'content-type': 'application/problem+json' },
      body: { type: problemType('SHARING_BLOCKED'), title: 'Sharing blocked', status: 422, code: 'SHARING_BLOCKED', reasonCode: code, detail: reason, ...body },
    };
  }

  private answer(reply: FastifyReply, response: StoredResponse): unknown {
    void reply.status(response.status).headers(response.headers);
    return response.body;
  }

  private context(request: AuthenticatedRequest, principal: Principal, participantId: string, key: string | undefined) {
    const correlation = request.headers['x-correlation-id'];
    const causation = request.headers['x-causation-id'];
    const actor: Actor = { userId: principal.userId, role: principal.role, organisation: principal.organisation, site: principal.site ?? 'national' };
    return {
      participantId,
      actor,
      now: this.deps.clock().toISOString(),
      correlationId: typeof correlation === 'string' && idHeader.test(correlation) ? correlation : request.id,
      causationId: typeof causation === 'string' && idHeader.test(causation) ? causation : null,
      ...(key ? { idempotencyKey: key } : {}),
    };
  }

  private sealer(participantId: string): Sealer {
    const keyId = participantKeyId(participantId);
    const keyStore = this.deps.keyStore;
    return {
      text: (value) => keyStore.seal(keyId, value),
      optionalText: async (value) => (value === undefined || value === null || value === '' ? null : keyStore.seal(keyId, value)),
      json: (value) => keyStore.seal(keyId, value),
    };
  }
}
