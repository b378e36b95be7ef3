import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { subjectAccess, subjectAccessHtml } from '@workwell/interchange';
import { purposeFrom } from '@workwell/read-models';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ReadResponses } from '../http/api-responses';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { participantNotFound } from '../journey/site-access';
import { selfContainedDocumentPolicy } from '../operations/security-headers';
import { ParticipantParams } from '../participant/participant.params';
import { SubjectAccessQuery } from './subject-access.query';

/**
 * A person's right of access (UK GDPR article 15). Admins only: the answer holds every personal
 * field in clear, which auditors never see (they have the trace) and site staff see only to care
 * for the person.
 */
@ApiTags('participants')
@Controller('participants/:participantId/subject-access')
export class SubjectAccessController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Everything held about a participant (subject access)',
    description:
      'Every event of their stream with personal fields opened (or shown as erased, with when), their read-model rows, consent and sharing trace, who read their data, and exports of their record. JSON, or a self-contained HTML document to give them. The request is recorded in the access log.',
  })
  @ReadResponses({
    schema: 'SubjectAccessReport',
    description: 'Everything held about them (JSON), or with format=html a self-contained document.',
    alternatives: { 'text/html': { schema: { type: 'string' } } },
    problems: { 404: ['PARTICIPANT_NOT_FOUND'], 414: ['URI_TOO_LONG'] },
  })
  async subjectAccess(
    @Param() { participantId }: ParticipantParams,
    @Query() query: SubjectAccessQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await subjectAccess({ store: this.deps.eventStore, keyStore: this.deps.keyStore, pool: this.deps.pool }, participantId, {
      principal: request.principal,
      requestId: request.id,
      now: this.deps.clock(),
      purpose: purposeFrom(request.headers['x-purpose'], 'subject access request'),
    });
    if (!report) throw participantNotFound(participantId);
    void reply.header('cache-control', 'no-store');
    if (query.format !== 'html') return report;
    // Inline styles, nothing loaded: it replaces the API's default page policy.
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', selfContainedDocumentPolicy);
    return subjectAccessHtml(report);
  }
}
