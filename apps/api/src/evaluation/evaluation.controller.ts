import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_SUPPRESSION_THRESHOLD, toOutcomeRecord, type OutcomeRecord } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { siteBound, type Principal } from '@workwell/auth';
import { ReadResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { LiveReportCache } from './evaluation-report.reader';
import { EvaluationQuery, OutcomesQuery, rangeOf } from './evaluation.query';
import { OutcomesCursor } from './outcomes-cursor';
import { ReadPosition } from '../reads/read-position';
import { readOutcomeFacts } from '@workwell/read-models';
import { pseudonymOf } from '@workwell/evaluation';
import { readPoolFor } from '../operations/read-pool';

/** Evaluators see pseudonyms only: the record's internal id is replaced before it leaves. */
const pseudonymised = (key: Buffer, record: OutcomeRecord) => {
  const { participantId, ...rest } = record;
  return { pseudonym: pseudonymOf(key, participantId), ...rest };
};

@ApiTags('evaluation')
@Controller('evaluation')
export class EvaluationController {
  private readonly reports = new LiveReportCache();
  private readonly cursor: OutcomesCursor;

  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly readPosition: ReadPosition,
  ) {
    this.cursor = new OutcomesCursor(deps.secrets.pseudonymKey);
  }

  @Get('report')
  @Roles('evaluator', 'manager', 'admin')
  @ApiOperation({
    summary: 'Referrals, starts, conversion, mixes, cohort outcome rates, satisfaction, follow-up and service standards by site and period',
    description:
      'Computed from the outcome read model as of now, streaming the episodes (memory stays flat), and reused while the read models and the London day stay the same; the answer states the event position it includes.',
  })
  @ReadResponses({ schema: 'EvaluationReport', description: 'The report by site and period.' })
  async report(@Query() query: EvaluationQuery, @Req() request: AuthenticatedRequest) {
    const siteId = this.siteOf(request.principal, query.siteId);
    if (query.minPosition !== undefined) await this.readPosition.of(query.minPosition);
    const period = query.period ?? 'quarter';
    const range = rangeOf(query);
    const suppressBelow = query.suppressBelow ?? DEFAULT_SUPPRESSION_THRESHOLD;
    const { asOf, position, rows } = await this.reports.get(readPoolFor(this.deps, query.minPosition), {
      period,
      siteId,
      ...range,
      suppressBelow,
      asOf: this.deps.clock().toISOString(),
      sites: await this.deps.sites.current(),
    });
    return { asOf, position, period, from: range.from ?? null, to: range.to ?? null, suppressBelow, rows };
  }

  @Get('outcomes')
  @Roles('evaluator', 'manager', 'admin')
  @ApiOperation({
    summary: 'The longitudinal outcome record of every participant episode, pseudonymised',
    description:
      "No personal data: a keyed pseudonym stands for the participant. Records and position come from one snapshot. To walk them all, pass each answer's `next` as `after` until it is null; `page` numbers pages instead.",
  })
  @ReadResponses({ schema: 'OutcomesPage', description: 'A page of outcome records.', problems: { 400: ['INVALID_CURSOR'] } })
  async outcomes(@Query() query: OutcomesQuery, @Req() request: AuthenticatedRequest) {
    if (query.after !== undefined && query.page !== undefined)
      throw new ProblemError(
        problem(400, 'INVALID_REQUEST', 'Invalid request', 'Give after or page, not both.', {
          errors: [{ field: 'after', message: 'must not be given with page' }],
        }),
      );
    const after = query.after === undefined ? undefined : this.cursor.open(query.after);
    if (query.after !== undefined && after === undefined)
      throw new ProblemError(
        problem(400, 'INVALID_CURSOR', 'Invalid request', "after must be the 'next' of a previous page of this service.", {
          errors: [{ field: 'after', message: "must be the 'next' of a previous page" }],
        }),
      );
    const siteId = this.siteOf(request.principal, query.siteId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    if (query.minPosition !== undefined) await this.readPosition.of(query.minPosition);
    const asOf = this.deps.clock().toISOString();
    const found = await readOutcomeFacts(readPoolFor(this.deps, query.minPosition), {
      siteId,
      after,
      offset: after === undefined ? (page - 1) * pageSize : 0,
      limit: pageSize,
    });
    const sites = await this.deps.sites.current();
    const records = found.facts.map((facts) => pseudonymised(this.deps.secrets.pseudonymKey, toOutcomeRecord(facts, sites, asOf)));
    const next = found.end === undefined ? null : this.cursor.seal(found.end);
    return { asOf, position: found.position, ...(after === undefined ? { page } : {}), pageSize, records, next };
  }

  /** Managers see their own site; evaluators any site, or all of them. */
  private siteOf(principal: Principal, requestedSite: string | undefined): string | undefined {
    if (siteBound(principal.role) && requestedSite && requestedSite !== principal.site) {
      throw new ProblemError(problem(403, 'OTHER_SITE', 'Forbidden', `You can see your own site (${principal.site}) only.`));
    }
    return siteBound(principal.role) ? principal.site : requestedSite;
  }
}
