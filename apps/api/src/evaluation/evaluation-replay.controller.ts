import fs from 'node:fs';
import path from 'node:path';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CurveGrouping } from '@workwell/domain';
import {
  type AsOf,
  AsOfError,
  asOfWarnings,
  curvesCsv,
  EmptyExtractError,
  EPISODES_FILE,
  MANIFEST_FILE,
  parseAsOf,
  replayCurves,
  replayEvaluation,
  survivalChartCsp,
  survivalChartHtml,
} from '@workwell/evaluation';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ActionResponses, ReadResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { requestLineOf, validIdempotencyKey } from '../infrastructure/idempotency';
import { ExtractMaker } from './extract-maker';
import { CurvesQuery, ExtractFileParams, ExtractRequest, MiReturnQuery, ReplayReportQuery } from './evaluation-replay.query';
import { miReturnCsv, miReturnTables, miReturnWorkbook, quarterSlug } from '@workwell/returns';
import { financialQuarterBounds, isFinancialQuarter } from '@workwell/domain';
import { siteBound } from '@workwell/auth';
import { rangeOf } from './evaluation.query';

const asOfProblems = { 400: ['BAD_AS_OF'] };

/** `warnings` only when there is something to say, so that a normal answer stays as it was. */
const withWarnings = <T extends object>(answer: T, warnings: string[]): T & { warnings?: string[] } =>
  warnings.length > 0 ? { ...answer, warnings } : answer;

const FILE_TYPES: Readonly<Record<string, string>> = {
  [EPISODES_FILE]: 'text/csv; charset=utf-8',
  [MANIFEST_FILE]: 'application/json; charset=utf-8',
};

/**
 * The evaluators' replays over the event store itself, not the read models: figures exactly as
 * known at a past recorded time or position. Each call reads the whole store in stream order.
 */
@ApiTags('evaluation')
@Controller('evaluation')
export class EvaluationReplayController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly extracts: ExtractMaker,
  ) {}

  @Get('replay')
  @Roles('evaluator', 'admin')
  @ApiOperation({
    summary: 'The evaluation report (by month, quarter, financial quarter and programme to date) exactly as known at a past point',
    description:
      'asOf: a date (end of that London day), an instant with its zone, a global position, or now. Events recorded later are left out even when their business time is earlier. Reads the whole event store: seconds to minutes.',
  })
  @ReadResponses({ schema: 'ReplayedReport', description: 'The report as known at the as-of point.', problems: asOfProblems })
  async replay(@Query() query: ReplayReportQuery) {
    const options = { siteId: query.siteId, ...rangeOf(query), suppressBelow: query.suppressBelow };
    const report = await this.refusals(replayEvaluation(this.deps.eventStore, this.asOf(query.asOf), options));
    return withWarnings(report, asOfWarnings(report));
  }

  @Get('mi-return')
  @Roles('evaluator', 'manager', 'admin')
  @ApiOperation({
    summary: "The quarterly MI return: each site, vanguard and the nation, the quarter's figures against target and the programme to date",
    description:
      "Replayed as known at the as-of point (default now) under the site configurations known then, the programme to date counted to the quarter's last day. Every file names the as-of and the position it was computed from. Managers get their own site's.",
  })
  @ReadResponses({
    schema: 'MiReturn',
    description: 'A CSV table (default), the workbook (format=xlsx), or the tables as JSON (format=json).',
    alternatives: {
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
    problems: { ...asOfProblems, 403: ['OTHER_SITE'] },
  })
  async miReturn(@Query() query: MiReturnQuery, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!isFinancialQuarter(query.quarter))
      throw new ProblemError(
        problem(400, 'INVALID_REQUEST', 'Invalid request', `${query.quarter} is not a financial-year quarter such as "Q3 24/25".`, {
          errors: [{ field: 'quarter', message: 'must be a financial-year quarter such as "Q3 24/25"' }],
        }),
      );
    const { principal } = request;
    if (siteBound(principal.role) && query.siteId !== undefined && query.siteId !== principal.site)
      throw new ProblemError(problem(403, 'OTHER_SITE', 'Forbidden', `You can see your own site (${principal.site}) only.`));
    const siteId = siteBound(principal.role) ? principal.site : query.siteId;
    const asOf = this.asOf(query.asOf);
    const report = await this.refusals(
      replayEvaluation(this.deps.eventStore, asOf, {
        siteId,
        to: financialQuarterBounds(query.quarter).last,
        suppressBelow: query.suppressBelow,
      }),
    );
    const tables = miReturnTables({
      quarter: query.quarter,
      rows: [...report.financialQuarter, ...report.programmeToDate],
      asOf: report.judgedAt,
      lastPosition: report.lastPosition,
    });
    const name = `mi-return-${quarterSlug(query.quarter)}`;
    if (query.format === 'json') return tables;
    if (query.format === 'xlsx') {
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`);
      return await miReturnWorkbook(tables);
    }
    const table = query.table ?? 'summary';
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-${table}.csv"`);
    return miReturnCsv(tables)[table];
  }

  @Get('curves')
  @Roles('evaluator', 'admin')
  @ApiOperation({
    summary: 'Kaplan-Meier and cumulative-incidence curves of time from start to the first in-work or job outcome',
    description:
      'Censored at the as-of date; withdrew, moved away and disengaged are competing exits. JSON, CSV, or a self-contained HTML chart.',
  })
  @ReadResponses({
    schema: 'ReplayedCurves',
    description: 'The curves (JSON), or curves.csv, or a self-contained HTML chart, by ?format=.',
    alternatives: { 'text/csv': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
    problems: asOfProblems,
  })
  async curves(@Query() query: CurvesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.refusals(
      replayCurves(this.deps.eventStore, this.asOf(query.asOf), { by: (query.by ?? 'all') as CurveGrouping, siteId: query.siteId }),
    );
    if (query.format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8');
      return curvesCsv(result.curves);
    }
    if (query.format === 'html') {
      // Its own policy: exactly its inline script and styles, by hash, where other answers allow no inline script.
      void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', survivalChartCsp());
      return survivalChartHtml(result, { suppressBelow: query.suppressBelow });
    }
    return withWarnings(result, asOfWarnings(result));
  }

  @Post('extracts')
  @HttpCode(201)
  @Roles('evaluator', 'admin')
  @ApiOperation({
    summary: 'Make a pseudonymised participant-episode extract and record it as a data sharing',
    description:
      'Writes episodes.csv and manifest.json on the server (download them from the links returned) and records the sharing (recipient, agreement reference, manifest checksum) before they can be fetched. The same as-of point gives byte-identical files.',
  })
  @ActionResponses({
    status: 201,
    schema: 'ExtractMade',
    description: 'Made and recorded: the manifest, its checksum and the links of the files.',
    problems: { 400: ['BAD_AS_OF', 'INVALID_IDEMPOTENCY_KEY'], 422: ['EMPTY_EXTRACT', 'IDEMPOTENCY_KEY_REUSED'] },
  })
  async extract(@Body() body: ExtractRequest, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = this.asOf(body.asOf);
    const key = validIdempotencyKey(request.headers['idempotency-key']);
    const requestLine = requestLineOf(this.deps.secrets.masterKeys[0].key, request);
    const { replayed, ...made } = await this.refusals(this.extracts.make(body, asOf, request.principal, key, requestLine));
    if (replayed) void reply.header('idempotent-replay', 'true');
    return withWarnings(
      made,
      made.manifest.rows === 0 ? [`The extract holds no rows (allowEmpty was asked for); it was recorded as a sharing all the same.`] : [],
    );
  }

  @Get('extracts/:extractId/:file')
  @Roles('evaluator', 'admin')
  @ApiOperation({ summary: 'Download a file of an extract made earlier' })
  @ReadResponses({
    schema: 'ExtractManifest',
    description: 'episodes.csv (text/csv) or manifest.json.',
    alternatives: { 'text/csv': { schema: { type: 'string' } } },
    problems: { 404: ['EXTRACT_NOT_FOUND'], 414: ['URI_TOO_LONG'] },
  })
  async download(@Param() params: ExtractFileParams, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = path.join(this.extracts.directory(params.extractId), params.file);
    if (!FILE_TYPES[params.file] || !fs.existsSync(file))
      throw new ProblemError(
        problem(404, 'EXTRACT_NOT_FOUND', 'Not Found', `There is no extract file ${params.extractId}/${params.file}.`),
      );
    void reply.header('content-type', FILE_TYPES[params.file]);
    return fs.createReadStream(file);
  }

  /** A replay's own refusals: an as-of position before anything was recorded, an extract that would hold nothing. */
  private async refusals<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof AsOfError)
        throw new ProblemError(problem(400, 'BAD_AS_OF', 'Bad Request', error.message.replace('--as-of', 'asOf')));
      if (error instanceof EmptyExtractError)
        throw new ProblemError(
          problem(
            422,
            'EMPTY_EXTRACT',
            'Empty extract',
            `${error.message.replace('allow an empty extract explicitly', 'send allowEmpty: true')}.`,
          ),
        );
      throw error;
    }
  }

  private asOf(text: string | undefined): AsOf {
    try {
      return parseAsOf(text, this.deps.clock());
    } catch (error) {
      if (error instanceof AsOfError)
        throw new ProblemError(problem(400, 'BAD_AS_OF', 'Bad Request', error.message.replace('--as-of', 'asOf')));
      throw error;
    }
  }
}
