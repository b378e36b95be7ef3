import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { followUpsAsOf, londonDateOf, isErasedPersonalData } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { siteBound } from '@workwell/auth';
import { ReadResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { openSealed } from '../reads/open-sealed';
import { caseloadPage, logPersonalDataReads, purposeFrom } from '@workwell/read-models';
import { ReadPosition } from '../reads/read-position';
import { CaseloadQuery } from './caseload.query';
import { readPoolFor } from '../operations/read-pool';

@ApiTags('participants')
@Controller('caseload')
export class CaseloadController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly readPosition: ReadPosition,
  ) {}

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
    const reads = readPoolFor(this.deps, query.minPosition);
    const position = await this.readPosition.of(query.minPosition, reads);
    const today = londonDateOf(this.deps.clock().toISOString());
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await caseloadPage(reads, {
      siteId,
      coachId: query.coachId,
      stage: query.stage,
      overdue: query.overdue,
      today,
      page,
      pageSize,
    });
    const purpose = purposeFrom(request.headers['x-purpose'], 'caseload management');
    const items = await Promise.all(
      rows.map(async (row) => {
        const details = await openSealed(this.deps.keyStore, row.personal_details);
        const overdue = row.follow_up_facts
          ? followUpsAsOf(row.follow_up_facts, today, row.follow_up_schedule ?? undefined).filter((f) => f.status === 'overdue')
          : [];
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
    return { siteId, page, pageSize, total, position, items };
  }
}
