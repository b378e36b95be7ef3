import { Module, type DynamicModule } from '@nestjs/common';
import { API_OPERATIONS, type ApiOperations } from '../operations/api-operations';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/** /health, /health/live, /health/ready and /metrics, around the app's own metrics and drain state. */
@Module({})
export class HealthModule {
  static forRoot(operations: ApiOperations): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: API_OPERATIONS, useValue: operations }],
    };
  }
}
