import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { siteBound, type Principal } from '@workwell/auth';
import {
  configuredSiteIds,
  currentSiteConfiguration,
  londonDateOf,
  siteHistory,
  ValidationFailed,
  type RecordedSiteConfiguration,
  type SiteRegistry,
} from '@workwell/domain';
import { ConcurrencyConflict } from '@workwell/event-store';
import { IdempotencyKeyUsedElsewhere, loadSiteRegistry, type RecordedChange } from '@workwell/sites';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ActionResponses, ReadResponses } from '../http/api-responses';
import { ref } from '../http/openapi.schemas';
import { ifMatchVersion } from '../http/if-match';
import { problem, ProblemError } from '../http/problem';
import { byField } from '../http/validation.problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { keyReused, requestLineOf, validIdempotencyKey } from '../infrastructure/idempotency';
import { ConfigureSite } from './configure-site.command';
import { SiteParams } from './site.params';

const ETAG =
  'The site-configurations stream version, W/"<version>": send it back as If-Match to refuse a change decided on an older registry.';

/** The stream's version: every site's configurations share the one stream. */
const versionOf = (registry: SiteRegistry): number => registry.configurations.reduce((max, entry) => Math.max(max, entry.version), 0);

const invalidConfiguration = (error: ValidationFailed) => {
  const errors = byField(error.errors);
  const detail =
    errors.length === 1
      ? `The configuration cannot be recorded: ${errors[0].field} ${errors[0].message}.`
      : `The configuration cannot be recorded: ${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}.`;
  return new ProblemError(problem(422, 'INVALID_SITE_CONFIGURATION', 'Invalid site configuration', detail, { errors }));
};

/**
 * The site registry: each site's localities, delivery organisations, follow-up schedule, cohorts
 * and targets, each change an event of the `site-configurations` stream. Admins change it;
 * national roles read every site; coaches and managers read their own site's only.
 */
@ApiTags('sites')
@Controller('sites')
export class SitesController {
  constructor(
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
    private readonly commandBus: CommandBus,
  ) {}

  @Get()
  @Roles('admin', 'manager', 'evaluator', 'auditor', 'coach')
  @ApiOperation({
    summary: 'Every site and the configuration in force today',
    description: 'Coaches and managers see their own site only. Read from the store, so the ETag is current for an If-Match.',
  })
  @ReadResponses({ schema: 'Sites', description: 'The configured sites.', etag: ETAG })
  async list(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const registry = await loadSiteRegistry(this.deps.eventStore);
    const today = this.today();
    const visible = configuredSiteIds(registry).filter((siteId) => this.maySee(request.principal, siteId));
    const version = versionOf(registry);
    void reply.header('etag', `W/"${version}"`);
    return {
      version,
      sites: visible.map((siteId) => ({
        siteId,
        current: currentSiteConfiguration(registry, siteId, today)!,
        changes: siteHistory(registry, siteId).length,
      })),
    };
  }

  @Get(':siteId')
  @Roles('admin', 'manager', 'evaluator', 'auditor', 'coach')
  @ApiOperation({
    summary: "A site's configuration in force today and every change to it",
    description: 'Each change with when it was recorded, by whom, its position and version. Coaches and managers: their own site only.',
  })
  @ReadResponses({ schema: 'SiteHistory', description: 'The site and its history.', etag: ETAG, problems: { 404: ['SITE_NOT_FOUND'] } })
  async show(@Param() { siteId }: SiteParams, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    this.assertMaySee(request.principal, siteId);
    const registry = await loadSiteRegistry(this.deps.eventStore);
    const history = siteHistory(registry, siteId);
    if (history.length === 0)
      throw new ProblemError(problem(404, 'SITE_NOT_FOUND', 'Not found', `No configuration has been recorded for the site ${siteId}.`));
    const version = versionOf(registry);
    void reply.header('etag', `W/"${version}"`);
    return { siteId, version, current: currentSiteConfiguration(registry, siteId, this.today())!, history };
  }

  @Post(':siteId/configurations')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: "Record a site's configuration, valid from a date",
    description:
      'Appends a SiteConfigured event: the configuration holds at the site from validFrom until a later one takes over. Commands use it at once in this API process and within 5 s in the others; the caseload shows it at each participant’s next event or after a rebuild.',
  })
  @ApiBody({ schema: ref('SiteConfigurationRequest') })
  @ActionResponses({
    status: 201,
    schema: 'SiteConfiguration',
    description: 'Recorded (or, for a retry with the same Idempotency-Key, recorded before).',
    versioned: {
      etag: ETAG,
      ifMatch: 'W/"<version>" from GET /sites or GET /sites/{siteId}: refused with 412 if any site was configured since.',
    },
    problems: { 412: ['STALE_VERSION'], 422: ['INVALID_SITE_CONFIGURATION', 'IDEMPOTENCY_KEY_REUSED'] },
  })
  async configure(
    @Param() { siteId }: SiteParams,
    @Body() body: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = validIdempotencyKey(request.headers['idempotency-key']);
    const ifMatch = ifMatchVersion(request.headers['if-match'], 'GET /sites, e.g. W/"3"');
    const requestLine = requestLineOf(this.deps.secrets.masterKeys[0].key, request);
    if (body.siteId !== undefined && body.siteId !== siteId)
      throw invalidConfiguration(
        new ValidationFailed([{ field: 'siteId', message: `must be the site of the path (${siteId}) or left out` }]),
      );
    const principal = request.principal;
    let recorded: RecordedChange;
    try {
      recorded = await this.commandBus.execute<ConfigureSite, RecordedChange>(
        new ConfigureSite(
          { ...body, siteId },
          {
            recordedBy: {
              userId: principal.userId,
              role: principal.role,
              organisation: principal.organisation,
              site: principal.site ?? 'national',
            },
            expectedVersion: ifMatch === undefined ? undefined : ifMatch === 0 ? 'no_stream' : ifMatch,
            idempotencyKey: key,
            metadata: { request: requestLine },
          },
        ),
      );
    } catch (error) {
      if (error instanceof ValidationFailed) throw invalidConfiguration(error);
      if (error instanceof IdempotencyKeyUsedElsewhere) throw keyReused();
      if (error instanceof ConcurrencyConflict)
        throw new ProblemError(
          problem(
            412,
            'STALE_VERSION',
            'Precondition failed',
            `The site configurations are at version ${error.actual}, not ${ifMatch}: someone configured a site since you read them. Reload and try again.`,
            { currentVersion: error.actual },
          ),
        );
      throw error;
    }
    if (recorded.duplicate && recorded.metadata.request !== undefined && recorded.metadata.request !== requestLine) throw keyReused();
    const configuration: RecordedSiteConfiguration = recorded.configuration;
    void reply.headers({
      etag: `W/"${configuration.version}"`,
      'x-position': String(configuration.position),
      location: `/sites/${siteId}`,
      ...(recorded.duplicate ? { 'idempotent-replay': 'true' } : {}),
    });
    return configuration;
  }

  private today() {
    return londonDateOf(this.deps.clock().toISOString());
  }

  private maySee(principal: Principal, siteId: string): boolean {
    return !siteBound(principal.role) || principal.site === siteId;
  }

  private assertMaySee(principal: Principal, siteId: string): void {
    if (!this.maySee(principal, siteId))
      throw new ProblemError(problem(403, 'OTHER_SITE', 'Forbidden', `You can see your own site (${principal.site}) only.`));
  }
}
