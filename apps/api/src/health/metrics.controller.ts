import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';

const line = (name: string, value: number, labels: Record<string, string | number> = {}): string => {
  const rendered = Object.entries(labels).map(([key, label]) => `${key}="${String(label).replace(/["\\\n]/g, '_')}"`);
  return `${name}${rendered.length ? `{${rendered.join(',')}}` : ''} ${value}`;
};

/** Prometheus text exposition: where the store and each projection stand, and how far behind. */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const head = await this.deps.eventStore.headPosition().catch(() => undefined);
    const { rows } = await this.deps.pool
      .query<{ projection: string; version: number; generation: number; state: string; position: string; updated_at: Date }>(
        `SELECT projection, version, generation, state, position, updated_at FROM projection_checkpoints WHERE state <> 'retired' ORDER BY projection, version, generation`,
      )
      .catch(() => ({ rows: [] }));
    const { rows: beats } = await this.deps.pool
      .query<{ seen_at: Date }>('SELECT max(seen_at) AS seen_at FROM projector_heartbeats')
      .catch(() => ({ rows: [] as { seen_at: Date }[] }));
    const now = this.deps.clock().getTime();
    const out = [
      '# HELP workwell_up Whether the API could reach the event store (1) or not (0).',
      '# TYPE workwell_up gauge',
      line('workwell_up', head === undefined ? 0 : 1),
      '# HELP workwell_event_store_head_position Global position of the last event a subscriber can read.',
      '# TYPE workwell_event_store_head_position gauge',
      ...(head === undefined ? [] : [line('workwell_event_store_head_position', head)]),
      '# HELP workwell_projection_position Global position each projection has applied.',
      '# TYPE workwell_projection_position gauge',
      ...rows.map((r) =>
        line('workwell_projection_position', Number(r.position), {
          projection: r.projection,
          version: r.version,
          generation: r.generation,
          state: r.state,
        }),
      ),
      '# HELP workwell_projection_behind Whether a projection has events still to apply (1) or is caught up (0).',
      '# TYPE workwell_projection_behind gauge',
      ...rows.map((r) =>
        line('workwell_projection_behind', head !== undefined && Number(r.position) < head ? 1 : 0, {
          projection: r.projection,
          state: r.state,
        }),
      ),
      '# HELP workwell_projection_checkpoint_age_seconds Seconds since each projection last moved its checkpoint.',
      '# TYPE workwell_projection_checkpoint_age_seconds gauge',
      ...rows.map((r) =>
        line('workwell_projection_checkpoint_age_seconds', Math.max(0, (now - r.updated_at.getTime()) / 1000), {
          projection: r.projection,
          state: r.state,
        }),
      ),
      '# HELP workwell_projector_heartbeat_age_seconds Seconds since a projector last said it was alive.',
      '# TYPE workwell_projector_heartbeat_age_seconds gauge',
      ...(beats[0]?.seen_at
        ? [line('workwell_projector_heartbeat_age_seconds', Math.max(0, (now - beats[0].seen_at.getTime()) / 1000))]
        : []),
    ];
    return `${out.join('\n')}\n`;
  }
}
