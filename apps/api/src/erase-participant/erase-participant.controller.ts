import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ERASURE_REASONS, participantKeyId } from '@workwell/domain';
import { keyCacheTtlMs } from '@workwell/runtime';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { EraseParticipantRequest } from './erase-participant.request';

@ApiTags('admin')
@Controller('participants/:participantId')
export class EraseParticipantController {
  constructor(
    private readonly writer: JourneyHttpAdapter,
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
  ) {}

  @Post('erasure')
  @Roles('admin')
  @ApiOperation({
    summary: "Erase a participant's personal data",
    description:
      "Records the erasure and destroys the participant's data key: every personal field then reads as erased, the coded facts stay for the evaluation, and the stream accepts no further commands.",
  })
  @WriteResponses()
  async erase(
    @Param() { participantId }: ParticipantParams,
    @Body() body: EraseParticipantRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const response = await this.writer.record(request, reply, participantId, 'EraseParticipant', () => ({
      occurredAt: body.occurredAt,
      reasonCode: code(ERASURE_REASONS, body.reasonCode),
    }));
    // Also done by the projector's key shredder, so a crash right here cannot leave the key alive.
    await this.deps.keyStore.destroyKey(participantKeyId(participantId), body.reasonCode);
    // Every listening process drops the key as the destruction commits; a process that missed the
    // notification stops using it when its cached copy expires, at the latest by this instant.
    const destroyedAt = this.deps.clock();
    return {
      ...(response as object),
      erasure: {
        keyDestroyedAt: destroyedAt.toISOString(),
        unreadableEverywhereBy: new Date(destroyedAt.getTime() + keyCacheTtlMs).toISOString(),
      },
    };
  }
}
