import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { StaleVersion, type JourneyOutcome, type JourneyRequest, type Sealer } from '@workwell/commands';
import {
  canonicalParticipantId,
  type Actor,
  type CommandContext,
  type JourneyCommandOfType,
  type JourneyCommandType,
} from '@workwell/domain';
import type { AppendResult, StoredEvent } from '@workwell/event-store';
import type { Principal } from '@workwell/auth';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ifMatchVersion } from '../http/if-match';
import { problem, problemType, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { keyReused, requestLineOf, validIdempotencyKey, type CommandAnswer } from '../infrastructure/idempotency';
import { assertMayReach, assertMayRefer } from './site-access';
import { RecordJourney } from './record-journey.command';

export interface RecordedResponse {
  readonly participantId: string;
  readonly version: number;
  readonly position: number;
  readonly recorded: readonly { type: string; version: number; position: number; eventId: string }[];
}

const idHeader = /^[A-Za-z0-9._:-]{1,128}$/;

const stale = (current: number, ifMatch: number) =>
  new ProblemError(
    problem(
      412,
      'STALE_VERSION',
      'Precondition failed',
      `The participant's record is at version ${current}, not ${ifMatch}: someone recorded something since you loaded it. Reload and try again.`,
      { currentVersion: current },
    ),
  );

/** The same key, from the same user, always names the same participant: a retried referral finds its first answer. */
const participantIdFor = (userId: string, key: string): string => {
  const hex = createHash('sha256').update(`workwell-referral\n${userId}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The HTTP door of journey commands: the idempotency key, If-Match and the command context from
 * the request and its token, the site check on the stream the command is decided on, and the
 * answer (ETag, position, what was recorded, a blocked sharing as 422). Deciding and recording
 * is the runner's (see `RecordJourneyHandler`).
 *
 * Idempotency rests on the events themselves: each carries its command's key, the store refuses
 * a second append with the same key of the same user, and the answer is rebuilt from the recorded
 * events. So a retry gets the first answer from any API process, with nothing to look up on the
 * happy path.
 */
@Injectable()
export class JourneyHttpAdapter {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
  ) {}

  /** The participant id of a new referral: the caller's, or one derived from the idempotency key, or a fresh one. */
  newParticipantId(request: AuthenticatedRequest, given: string | undefined): string {
    if (given) return canonicalParticipantId(given);
    const key = validIdempotencyKey(request.headers['idempotency-key']);
    return key ? participantIdFor(request.principal.userId, key) : randomUUID();
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
    const requestLine = this.requestLine(request);
    const journeyRequest: JourneyRequest<T> = {
      type,
      context: this.context(request, principal, participantId, key),
      data: build,
      expectedVersion: ifMatchVersion(request.headers['if-match'], 'a participant, e.g. W/"7"'),
      mayReach: (journey, command) =>
        command.type === 'ReferParticipant'
          ? journey.version > 0 && assertMayRefer(principal, participantId, journey)
          : assertMayReach(principal, participantId, journey),
      metadata: { request: requestLine },
    };
    let result: AppendResult;
    try {
      ({ result } = await this.commandBus.execute<RecordJourney<T>, JourneyOutcome>(new RecordJourney(journeyRequest)));
    } catch (error) {
      if (error instanceof StaleVersion) throw stale(error.current, error.expected);
      throw error;
    }
    if (result.duplicate) this.assertSameRequest(result.events, requestLine);
    const response = this.toResponse(participantId, result, successStatus, type === 'ReferParticipant');
    return this.answer(reply, result.duplicate ? { ...response, headers: { ...response.headers, 'idempotent-replay': 'true' } } : response);
  }

  private requestLine(request: AuthenticatedRequest): string {
    return requestLineOf(this.deps.secrets.masterKeys[0].key, request);
  }

  private assertSameRequest(events: readonly StoredEvent[], requestLine: string): void {
    if (events.some((e) => e.metadata.request !== undefined && e.metadata.request !== requestLine)) throw keyReused();
  }

  private toResponse(participantId: string, result: AppendResult, status: number, created: boolean): CommandAnswer {
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
      body: {
        type: problemType('SHARING_BLOCKED'),
        title: 'Sharing blocked',
        status: 422,
        code: 'SHARING_BLOCKED',
        reasonCode: code,
        detail: reason,
        ...body,
      },
    };
  }

  private answer(reply: FastifyReply, response: CommandAnswer): unknown {
    void reply.status(response.status).headers(response.headers);
    return response.body;
  }

  private context(request: AuthenticatedRequest, principal: Principal, participantId: string, key: string | undefined): CommandContext {
    const correlation = request.headers['x-correlation-id'];
    const causation = request.headers['x-causation-id'];
    const actor: Actor = {
      userId: principal.userId,
      role: principal.role,
      organisation: principal.organisation,
      site: principal.site ?? 'national',
    };
    return {
      participantId,
      actor,
      now: this.deps.clock().toISOString(),
      correlationId: typeof correlation === 'string' && idHeader.test(correlation) ? correlation : request.id,
      causationId: typeof causation === 'string' && idHeader.test(causation) ? causation : null,
      ...(key ? { idempotencyKey: key } : {}),
    };
  }
}
