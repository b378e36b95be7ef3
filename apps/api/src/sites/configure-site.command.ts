import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@workwell/domain';
import type { ExpectedVersion } from '@workwell/event-store';
import { recordSiteConfigurationChange, type RecordedChange } from '@workwell/sites';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';

/** A site configuration on its way to the store: the site registry's write, beside the journey commands on the command bus. */
export class ConfigureSite {
  constructor(
    readonly configuration: unknown,
    readonly change: {
      readonly recordedBy: Actor;
      readonly expectedVersion?: ExpectedVersion;
      readonly idempotencyKey?: string;
      readonly metadata: Readonly<Record<string, unknown>>;
    },
  ) {}
}

/** Records the configuration and makes this process read the registry again at once; the others see it within their refresh. */
@CommandHandler(ConfigureSite)
export class ConfigureSiteHandler implements ICommandHandler<ConfigureSite, RecordedChange> {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  async execute({ configuration, change }: ConfigureSite): Promise<RecordedChange> {
    const recorded = await recordSiteConfigurationChange(this.deps.eventStore, configuration, {
      ...change,
      occurredAt: this.deps.clock().toISOString(),
    });
    this.deps.sites.invalidate();
    return recorded;
  }
}
