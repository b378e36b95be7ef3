import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthGuard } from './auth/auth.guard';
import { AuditController } from './audit/audit.controller';
import { CaseloadController } from './caseload/caseload.controller';
import { EvaluationReplayController } from './evaluation/evaluation-replay.controller';
import { EvaluationController } from './evaluation/evaluation.controller';
import { ParticipantController } from './participant/participant.controller';
import { API_DEPENDENCIES, type ApiDependencies } from './infrastructure/api.dependencies';
import { JourneyModule } from './journey/journey.module';
import { ReadPosition } from './reads/read-position';
import { ExtractMaker } from './evaluation/extract-maker';
import { WebModule } from './web/web.module';
import { ParticipantRightsModule } from './subject-access/participant-rights.module';
import { SitesModule } from './sites/sites.module';

@Module({})
export class ApiModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      global: true,
      imports: [CqrsModule.forRoot(), JourneyModule, WebModule, ParticipantRightsModule, SitesModule],
      controllers: [ParticipantController, CaseloadController, EvaluationController, EvaluationReplayController, AuditController],
      providers: [{ provide: API_DEPENDENCIES, useValue: deps }, { provide: APP_GUARD, useClass: AuthGuard }, ReadPosition, ExtractMaker],
      exports: [API_DEPENDENCIES, ReadPosition, ExtractMaker],
    };
  }
}
