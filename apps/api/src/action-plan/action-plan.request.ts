import { GOAL_DOMAINS, GOAL_STATUSES, PLAN_TYPES } from '@workwell/domain';
import { CalendarDate, Code, FreeText, Identifier, Instant, Nested } from '../http/request.decorators';

export class GoalRequest {
  @Identifier({ optional: true, description: 'Generated when absent.' }) goalId?: string;
  @Code(GOAL_DOMAINS) domain!: string;
  @FreeText({ max: 1000, description: 'The goal in the participant’s words.' }) description!: string;
  @Code(GOAL_STATUSES) status!: string;
}

export class AgreeActionPlanRequest {
  @Instant() occurredAt!: string;
  @Identifier({ optional: true, description: 'Generated when absent.' }) planId?: string;
  @Code(PLAN_TYPES) planType!: string;
  @Nested(() => GoalRequest, { array: true, max: 20 }) goals!: GoalRequest[];
  @CalendarDate({ description: 'The day the participant signed the plan.' }) signedByParticipantOn!: string;
}

export class GoalStatusRequest {
  @Identifier() goalId!: string;
  @Code(GOAL_STATUSES) status!: string;
}

export class ReviewActionPlanRequest {
  @Instant() occurredAt!: string;
  @Nested(() => GoalStatusRequest, { array: true, max: 20 }) goalStatuses!: GoalStatusRequest[];
  @FreeText({ optional: true }) notes?: string;
}
