import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { consentReceipt, consentReceiptHtml } from '@workwell/interchange';
import { logPersonalDataRead, purposeFrom } from '@workwell/read-models';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ReadResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { assertMayReach, participantNotFound } from '../journey/site-access';
import { selfContainedDocumentPolicy } from '../operations/security-headers';
import { ConsentReceiptParams, ConsentReceiptQuery } from './consent-receipt.params';

@ApiTags('participants')
@Controller('participants/:participantId/consents/:version/receipt')
export class ConsentReceiptController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  @Get()
  @Roles('coach', 'manager', 'admin')
  @ApiOperation({
    summary: 'A receipt of a consent given or withdrawn, to give the participant',
    description:
      "What was consented to, how, when, who wrote it down, whether it is in force now, and how to withdraw; the participant's name and nothing else of theirs. JSON, or a self-contained HTML page. The read is recorded in the access log.",
  })
  @ReadResponses({
    schema: 'ConsentReceipt',
    description: 'The receipt (JSON), or with format=html a self-contained page to give the participant.',
    alternatives: { 'text/html': { schema: { type: 'string' } } },
    problems: { 404: ['PARTICIPANT_NOT_FOUND', 'CONSENT_NOT_FOUND'], 414: ['URI_TOO_LONG'] },
  })
  async receipt(
    @Param() { participantId, version }: ConsentReceiptParams,
    @Query() query: ConsentReceiptQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lookup = await consentReceipt(this.deps.eventStore, this.deps.keyStore, participantId, version, this.deps.clock());
    if (lookup.found === 'nothing') throw participantNotFound(participantId);
    // The site is checked on the stream the receipt is read from, before anything of it leaves.
    assertMayReach(request.principal, participantId, lookup.journey);
    if (lookup.found !== 'receipt')
      throw new ProblemError(
        problem(
          404,
          'CONSENT_NOT_FOUND',
          'Not found',
          `Entry ${version} of participant ${participantId} is not a consent given or withdrawn.`,
        ),
      );
    await logPersonalDataRead(
      this.deps.pool,
      request.principal,
      {
        participantId,
        participantSite: lookup.journey.episode?.siteId,
        purpose: purposeFrom(request.headers['x-purpose'], 'consent receipt for the participant'),
        what: 'consent receipt',
      },
      request.id,
    );
    void reply.header('cache-control', 'no-store');
    if (query.format !== 'html') return lookup.receipt;
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', selfContainedDocumentPolicy);
    return consentReceiptHtml(lookup.receipt);
  }
}
