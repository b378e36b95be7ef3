import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ReadResponses } from '../http/api-responses';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { logPersonalDataRead, purposeFrom } from '@workwell/read-models';
import { ReadPosition } from '../reads/read-position';
import { ReadQuery } from '../reads/read.query';
import { ParticipantParams } from './participant.params';
import { summaryOf, visibleParticipant } from './participant-summary';
import { timelineOf } from './participant-timeline';

const participantRead = { 404: ['PARTICIPANT_NOT_FOUND'], 414: ['URI_TOO_LONG'] };

@ApiTags('participants')
@Controller('participants/:participantId')
export class ParticipantController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly readPosition: ReadPosition,
  ) {}

  @Get()
  @Roles('coach', 'manager', 'admin')
  @ApiOperation({
    summary: "A participant's journey summary",
    description: 'Stage, follow-ups due and overdue, consents, and personal details (the read is recorded in the access log).',
  })
  @ReadResponses({
    schema: 'ParticipantSummary',
    description: 'The summary; ETag: the stream version it reflects.',
    etag: true,
    problems: participantRead,
  })
  async summary(
    @Param() { participantId }: ParticipantParams,
    @Query() query: ReadQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const position = await this.position(query);
    const row = await visibleParticipant(this.deps, request.principal, participantId);
    void reply.header('etag', `W/"${row.version}"`);
    return {
      ...(await summaryOf(this.deps, request.principal, row, purposeFrom(request.headers['x-purpose'], 'direct care'), request.id)),
      position,
    };
  }

  @Get('timeline')
  @Roles('coach', 'manager', 'admin')
  @ApiOperation({
    summary: "A participant's timeline",
    description:
      'Every recorded event in order, corrections marked, personal fields opened (or shown as erased). The read is recorded in the access log.',
  })
  @ReadResponses({ schema: 'Timeline', description: 'Every event of the stream up to the summary’s version.', problems: participantRead })
  async timeline(@Param() { participantId }: ParticipantParams, @Query() query: ReadQuery, @Req() request: AuthenticatedRequest) {
    const position = await this.position(query);
    const row = await visibleParticipant(this.deps, request.principal, participantId);
    const events = await timelineOf(this.deps, request.principal, participantId, row.version);
    await logPersonalDataRead(
      this.deps.pool,
      request.principal,
      {
        participantId,
        participantSite: row.site_id ?? undefined,
        purpose: purposeFrom(request.headers['x-purpose'], 'direct care'),
        what: 'timeline',
      },
      request.id,
    );
    return { participantId, version: row.version, position, events };
  }

  private position(query: ReadQuery): Promise<number> {
    return this.readPosition.of(query.minPosition);
  }
}
