import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { followUpsAsOf, londonDateOf, isErasedPersonalData } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { siteBound } from '../auth/principal';
import { ReadResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { logPersonalDataReads, purposeFrom } from '../infrastructure/access-log';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { caseloadColumns, type CaseloadRow } from '../participant/participant-reads';
import { openSealed } from '../reads/open-sealed';
import { readModelPosition, waitForReadModels } from '../reads/projection-position';
import { CaseloadQuery } from './caseload.query';

@ApiTags('participants')
@Controller('caseload')
export class CaseloadController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  @Get()
  @Roles('coach', 'manager', 'admin')
  @ApiOperation({
    summary: 'The caseload',
    description:
      'Open participants of a site with stage, days since referral, next action and due date, overdue flags, sessions and consents. Names shown are recorded in the access log.',
  })
  @ReadResponses({ schema: 'Caseload', description: 'A page of the caseload.' })
  async caseload(@Query() query: CaseloadQuery, @Req() request: AuthenticatedRequest) {
    const principal = request.principal;
    const siteId = siteBound(principal.role) ? principal.site : query.siteId;
    if (!siteId)
      throw new ProblemError(
        problem(400, 'INVALID_REQUEST', 'Invalid request', 'siteId is required for a national user.', {
          errors: [{ field: 'siteId', message: 'is required' }],
        }),
      );
    const position =
      query.minPosition === undefined
        ? await readModelPosition(this.deps.pool)
        : await waitForReadModels(this.deps.pool, query.minPosition, 5_000);
    const today = londonDateOf(this.deps.clock().toISOString());
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const filters = ['open', 'site_id = $1'];
    const params: unknown[] = [siteId];
    if (query.coachId) filters.push(`coach_id = $${params.push(query.coachId)}`);
    if (query.stage) filters.push(`stage = $${params.push(query.stage)}`);
    if (query.overdue !== undefined)
      filters.push(`${query.overdue ? '' : 'NOT '}coalesce(next_due_on < $${params.push(today)}::date, false)`);
    const where = filters.join(' AND ');
    const [{ rows }, total] = await Promise.all([
      this.deps.pool.query<CaseloadRow>(
        `SELECT ${caseloadColumns} FROM caseload WHERE ${where} ORDER BY caseload.next_due_on NULLS LAST, referred_at, participant_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      this.deps.pool.query<{ count: string }>(`SELECT count(*) FROM caseload WHERE ${where}`, params),
    ]);
    const purpose = purposeFrom(request.headers['x-purpose'], 'caseload management');
    const items = await Promise.all(
      rows.map(async (row) => {
        const details = await openSealed(this.deps.keyStore, row.personal_details);
        const overdue = row.follow_up_facts ? followUpsAsOf(row.follow_up_facts, today).filter((f) => f.status === 'overdue') : [];
        return {
          participantId: row.participant_id,
          name: isErasedPersonalData(details) ? details : ((details as { name?: string } | null)?.name ?? null),
          coachId: row.coach_id,
          stage: row.stage,
          referredAt: row.referred_at?.toISOString() ?? null,
          daysSinceReferral: row.referred_at ? Math.floor((this.deps.clock().getTime() - row.referred_at.getTime()) / 86_400_000) : null,
          nextAction: row.next_action,
          nextDueOn: row.next_due_on,
          overdue: overdue.map((f) => ({ kind: f.kind, checkpoint: f.checkpoint, dueOn: f.dueOn, daysOverdue: f.daysOverdue })),
          sessionsHeld: row.sessions_held,
          consents: row.consents,
          version: row.version,
        };
      }),
    );
    await logPersonalDataReads(
      this.deps.pool,
      principal,
      items.map((item) => ({ participantId: item.participantId, participantSite: siteId, purpose, what: 'caseload name' })),
      request.id,
    );
    return { siteId, page, pageSize, total: Number(total.rows[0].count), position, items };
  }
}
