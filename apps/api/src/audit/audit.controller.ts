import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { extractSharingsMarkdown, findingsMarkdown, traceMarkdown } from '@workwell/audit';
import { auditFindings, participantTrace } from '@workwell/read-models';
import { extractSharings } from '@workwell/evaluation';
import { Roles } from '../auth/auth.guard';
import { ReadResponses } from '../http/api-responses';
import { Identifier } from '../http/request.decorators';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { participantNotFound } from '../journey/site-access';
import { ParticipantParams } from '../participant/participant.params';

const markdown = { 'text/markdown': { schema: { type: 'string' } } };

class AuditFormat {
  @IsOptional()
  @IsIn(['json', 'markdown'], { message: 'format must be json or markdown' })
  @ApiPropertyOptional({ enum: ['json', 'markdown'], default: 'json' })
  format?: 'json' | 'markdown';
}

class FindingsQuery extends AuditFormat {
  @Identifier({ optional: true, description: 'One site; all sites when absent.' }) siteId?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  @Get('participants/:participantId/trace')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: "A participant's consent and data-sharing trace",
    description:
      'Every consent given or withdrawn, every sharing and blocked attempt (with the consent relied on and whether it was active when it happened), every read of their personal data, and erasure. JSON, or Markdown to file.',
  })
  @ReadResponses({
    schema: 'ParticipantTrace',
    description: 'The trace (JSON), or Markdown with ?format=markdown.',
    alternatives: markdown,
    problems: { 404: ['PARTICIPANT_NOT_FOUND'], 414: ['URI_TOO_LONG'] },
  })
  async trace(@Param() { participantId }: ParticipantParams, @Query() query: AuditFormat, @Res({ passthrough: true }) reply: FastifyReply) {
    const trace = await participantTrace(this.deps.pool, participantId);
    if (!trace) throw participantNotFound(participantId);
    if (query.format !== 'markdown') return trace;
    void reply.header('content-type', 'text/markdown; charset=utf-8');
    return traceMarkdown(trace, this.deps.clock().toISOString());
  }

  @Get('findings')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Findings for information governance',
    description:
      'Sharings whose consent was withdrawn before they happened but recorded after, sharings without active consent or lawful basis, consents without evidence, reads of personal data by roles that should not need it. Each names the events behind it.',
  })
  @ReadResponses({
    schema: 'AuditFindings',
    description: 'The findings (JSON), or Markdown with ?format=markdown.',
    alternatives: markdown,
  })
  async findings(@Query() query: FindingsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const findings = await auditFindings(this.deps.pool, { siteId: query.siteId });
    if (query.format !== 'markdown') return { siteId: query.siteId ?? null, findings };
    void reply.header('content-type', 'text/markdown; charset=utf-8');
    return findingsMarkdown(findings, this.deps.clock().toISOString(), query.siteId);
  }

  @Get('extracts')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Every evaluation extract shared',
    description:
      'Recipient, agreement reference, who made it, the as-of point and last position it reflects, rows, the SHA-256 of each file and of the manifest. JSON, or Markdown to file.',
  })
  @ReadResponses({
    schema: 'ExtractSharings',
    description: 'The sharings (JSON), or Markdown with ?format=markdown.',
    alternatives: markdown,
  })
  async extracts(@Query() query: AuditFormat, @Res({ passthrough: true }) reply: FastifyReply) {
    const sharings = await extractSharings(this.deps.eventStore);
    if (query.format !== 'markdown') return { extracts: sharings };
    void reply.header('content-type', 'text/markdown; charset=utf-8');
    return extractSharingsMarkdown(sharings, this.deps.clock().toISOString());
  }
}
