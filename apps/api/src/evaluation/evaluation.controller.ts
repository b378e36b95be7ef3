import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_SITE_SCHEDULE, toOutcomeRecord, type EpisodeFacts, type OutcomeRecord } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { siteBound, type Principal } from '../auth/principal';
import { ReadResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { readModelPosition, waitForReadModels } from '../reads/projection-position';
import { LiveReportCache } from './evaluation-report.reader';
import { EvaluationQuery, OutcomesQuery } from './evaluation.query';
import { pseudonymOf } from '@workwell/evaluation';

/** Evaluators see pseudonyms only: the record's internal id is replaced before it leaves. */
const pseudonymised = (key: Buffer, record: OutcomeRecord) => {
  const { participantId, ...rest } = record;
  return { pseudonym: pseudonymOf(key, participantId), ...rest };
};

@ApiTags('evaluation')
@Controller('evaluation')
export class EvaluationController {
  private readonly reports = new LiveReportCache();

  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  @Get('report')
  @Roles('evaluator', 'manager', 'admin')
  @ApiOperation({
    summary: 'Referrals, starts, conversion, mixes, cohort outcome rates, satisfaction, follow-up and service standards by site and period',
    description: 'Computed from the outcome read model as of now, streaming the episodes (memory stays flat), and reused while the read models and the London day stay the same; the answer states the event position it includes.',
  })
  @ReadResponses()
  async report(@Query() query: EvaluationQuery, @Req() request: AuthenticatedRequest) {
    const siteId = this.siteOf(request.principal, query.siteId);
    if (query.minPosition !== undefined) await waitForReadModels(this.deps.pool, query.minPosition, 5_000);
    const period = query.period ?? 'quarter';
    const { asOf, position, rows } = await this.reports.get(this.deps.pool, { period, siteId, asOf: this.deps.clock().toISOString() });
    return { asOf, position, period, rows };
  }

  @Get('outcomes')
  @Roles('evaluator', 'manager', 'admin')
  @ApiOperation({ summary: 'The longitudinal outcome record of every participant episode, pseudonymised', description: 'No personal data: a keyed pseudonym stands for the participant.' })
  @ReadResponses()
  async outcomes(@Query() query: OutcomesQuery, @Req() request: AuthenticatedRequest) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    const { position, asOf, records } = await this.records(request.principal, query.siteId, query.minPosition, { limit: pageSize, offset: (page - 1) * pageSize });
    return { asOf, position, page, pageSize, records: records.map((record) => pseudonymised(this.deps.secrets.pseudonymKey, record)) };
  }

  /** Managers see their own site; evaluators any site, or all of them. */
  private siteOf(principal: Principal, requestedSite: string | undefined): string | undefined {
    if (siteBound(principal.role) && requestedSite && requestedSite !== principal.site) {
      throw new ProblemError(problem(403, 'OTHER_SITE', 'Forbidden', `You can see your own site (${principal.site}) only.`));
    }
    return siteBound(principal.role) ? principal.site : requestedSite;
  }

  private async records(principal: Principal, requestedSite: string | undefined, minPosition: number | undefined, paging: { limit: number; offset: number }) {
    const siteId = this.siteOf(principal, requestedSite);
    const position = minPosition === undefined ? await readModelPosition(this.deps.pool) : await waitForReadModels(this.deps.pool, minPosition, 5_000);
    const asOf = this.deps.clock().toISOString();
    const params: unknown[] = [];
    const where = siteId ? `WHERE site_id = $${params.push(siteId)}` : '';
    const page = `LIMIT ${paging.limit} OFFSET ${paging.offset}`;
    const { rows } = await this.deps.pool.query<{ facts: EpisodeFacts }>(`SELECT facts FROM outcome_facts ${where} ORDER BY participant_id, episode ${page}`, params);
    return { position, asOf, records: rows.map((row) => toOutcomeRecord(row.facts, DEFAULT_SITE_SCHEDULE, asOf)) };
  }
}
