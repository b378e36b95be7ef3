import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GOAL_DOMAINS, GOAL_STATUSES, PLAN_TYPES } from '@workwell/domain';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { WriteResponses } from '../http/api-responses';
import { code } from '../http/coding';
import { Identifier } from '../http/request.decorators';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ParticipantParams } from '../participant/participant.params';
import { AgreeActionPlanRequest, ReviewActionPlanRequest } from './action-plan.request';

export class PlanParams extends ParticipantParams {
  @Identifier()
  @ApiProperty()
  planId!: string;
}

@ApiTags('journey')
@Controller('participants/:participantId/action-plans')
export class ActionPlanController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post()
  @Roles('coach', 'manager')
  @ApiOperation({
    summary: 'Record an agreed action plan',
    description: "Needs an assessment. The first agreed plan is the participant's start.",
  })
  @WriteResponses()
  agree(
    @Param() { participantId }: ParticipantParams,
    @Body() body: AgreeActionPlanRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'AgreeActionPlan', async (seal) => ({
      occurredAt: body.occurredAt,
      planId: body.planId ?? randomUUID(),
      planType: code(PLAN_TYPES, body.planType),
      goals: await Promise.all(
        body.goals.map(async (goal) => ({
          goalId: goal.goalId ?? randomUUID(),
          domain: code(GOAL_DOMAINS, goal.domain),
          description: await seal.text(goal.description),
          status: code(GOAL_STATUSES, goal.status),
        })),
      ),
      signedByParticipantOn: body.signedByParticipantOn,
    }));
  }

  @Post(':planId/reviews')
  @Roles('coach', 'manager')
  @ApiOperation({ summary: 'Record a plan review', description: 'New statuses of the plan’s goals.' })
  @WriteResponses()
  review(
    @Param() { participantId, planId }: PlanParams,
    @Body() body: ReviewActionPlanRequest,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.record(request, reply, participantId, 'ReviewActionPlan', async (seal) => ({
      occurredAt: body.occurredAt,
      planId,
      goalStatuses: body.goalStatuses.map((g) => ({ goalId: g.goalId, status: code(GOAL_STATUSES, g.status) })),
      notes: await seal.optionalText(body.notes),
    }));
  }
}
