import type { WorkwellClient } from '@workwell/client';
import { assertNever, type JourneyCommand, type Measure, type PersonalDetails } from '@workwell/domain';
import { unwrap, unwrapOptional } from '@workwell/synthetic';

const measure = (m: Measure) => ({
  instrument: m.instrument.code,
  instrumentVersion: m.instrumentVersion,
  items: [...m.items],
  score: m.score,
});

/** Sends one generated domain command the way a coach's front end would: plain codes, clear text. */
export const sendCommand = (client: WorkwellClient, command: JourneyCommand, options: { idempotencyKey?: string }) => {
  const id = command.context.participantId;
  switch (command.type) {
    case 'ReferParticipant': {
      const d = command.data;
      return client.refer(
        {
          participantId: id,
          occurredAt: d.occurredAt,
          siteId: d.siteId,
          referralSource: d.referralSource.code,
          employmentStatus: d.employmentAtReferral.status.code,
          fitNoteHeld: d.employmentAtReferral.fitNoteHeld,
          contactPreference: d.contactPreference.code,
          personalDetails: JSON.parse(unwrap(d.personalDetails)) as PersonalDetails,
          demographics: {
            sex: d.demographics.sex.code,
            ethnicity: d.demographics.ethnicity.code,
            disability: d.demographics.disability.code,
            imdDecile: d.demographics.imdDecile.code,
          },
        },
        options,
      );
    }
    case 'TriageReferral': {
      const d = command.data;
      return client.triage(
        id,
        {
          occurredAt: d.occurredAt,
          decision: d.decision.code,
          eligibility: { ...d.eligibility },
          reason: unwrapOptional(d.reason),
          assignedCoachId: d.assignedCoachId ?? undefined,
        },
        options,
      );
    }
    case 'RecordContactAttempt':
      return client.recordContactAttempt(
        id,
        { occurredAt: command.data.occurredAt, method: command.data.method.code, outcome: command.data.outcome.code },
        options,
      );
    case 'RecordFirstAppointment':
      return client.recordFirstAppointment(
        id,
        { occurredAt: command.data.occurredAt, mode: command.data.mode.code, employmentStatus: command.data.employmentStatus.code },
        options,
      );
    case 'GiveConsent': {
      const d = command.data;
      return client.giveConsent(
        id,
        {
          occurredAt: d.occurredAt,
          scope: d.scope.code,
          method: d.method.code,
          evidenceReference: d.evidenceReference ?? undefined,
          expiresAt: d.expiresAt ?? undefined,
        },
        options,
      );
    }
    case 'WithdrawConsent':
      return client.withdrawConsent(
        id,
        {
          occurredAt: command.data.occurredAt,
          scope: command.data.scope.code,
          method: command.data.method.code,
          reason: unwrapOptional(command.data.reason),
        },
        options,
      );
    case 'CompleteAssessment': {
      const d = command.data;
      return client.completeAssessment(
        id,
        {
          occurredAt: d.occurredAt,
          primaryHealthBarrier: d.primaryHealthBarrier.code,
          secondaryHealthBarriers: d.secondaryHealthBarriers.map((c) => c.code),
          nonHealthBarriers: d.nonHealthBarriers.map((c) => c.code),
          baselineMeasures: d.baselineMeasures.map(measure),
        },
        options,
      );
    }
    case 'AgreeActionPlan': {
      const d = command.data;
      return client.agreeActionPlan(
        id,
        {
          occurredAt: d.occurredAt,
          planId: d.planId,
          planType: d.planType.code,
          goals: d.goals.map((g) => ({
            goalId: g.goalId,
            domain: g.domain.code,
            description: unwrap(g.description),
            status: g.status.code,
          })),
          signedByParticipantOn: d.signedByParticipantOn,
        },
        options,
      );
    }
    case 'ReviewActionPlan': {
      const d = command.data;
      return client.reviewActionPlan(
        id,
        d.planId,
        {
          occurredAt: d.occurredAt,
          goalStatuses: d.goalStatuses.map((g) => ({ goalId: g.goalId, status: g.status.code })),
          notes: unwrapOptional(d.notes),
        },
        options,
      );
    }
    case 'RecordCoachingSession':
      return client.recordSession(
        id,
        {
          occurredAt: command.data.occurredAt,
          mode: command.data.mode.code,
          durationMinutes: command.data.durationMinutes,
          notes: unwrapOptional(command.data.notes),
        },
        options,
      );
    case 'MakeOnwardReferral': {
      const d = command.data;
      const shared = d.dataShared
        ? { dataCategories: d.dataShared.dataCategories.map((c) => c.code), lawfulBasis: d.dataShared.lawfulBasis.code }
        : null;
      return client.referOn(
        id,
        { occurredAt: d.occurredAt, onwardReferralId: d.onwardReferralId, service: d.service.code, dataShared: shared },
        options,
      );
    }
    case 'RecordOnwardReferralOutcome':
      return client.recordOnwardReferralOutcome(
        id,
        command.data.onwardReferralId,
        { occurredAt: command.data.occurredAt, outcome: command.data.outcome.code },
        options,
      );
    case 'RecordEmployerLiaison': {
      const d = command.data;
      return client.recordEmployerLiaison(
        id,
        {
          occurredAt: d.occurredAt,
          liaisonId: d.liaisonId,
          employerId: d.employerId,
          topic: d.topic.code,
          dataCategories: d.dataCategories.map((c) => c.code),
          notes: unwrapOptional(d.notes),
        },
        options,
      );
    }
    case 'ShareData': {
      const d = command.data;
      return client.shareData(
        id,
        {
          occurredAt: d.occurredAt,
          sharingId: d.sharingId,
          recipient: { kind: d.recipient.kind.code, reference: d.recipient.reference },
          purpose: d.purpose.code,
          dataCategories: d.dataCategories.map((c) => c.code),
          lawfulBasis: d.lawfulBasis.code,
        },
        options,
      );
    }
    case 'RecordOutcome': {
      const d = command.data;
      const result = d.result.reached
        ? {
            reached: true,
            employmentStatus: d.result.employmentStatus.code,
            hoursPerWeek: d.result.hoursPerWeek ?? undefined,
            wellbeing: d.result.wellbeing ? measure(d.result.wellbeing) : undefined,
            source: d.result.source.code,
          }
        : { reached: false, attempts: d.result.attempts };
      return client.recordOutcome(id, { occurredAt: d.occurredAt, checkpoint: d.checkpoint.code, ...result }, options);
    }
    case 'DischargeParticipant':
      return client.discharge(
        id,
        { occurredAt: command.data.occurredAt, reason: command.data.reason.code, satisfaction: command.data.satisfaction ?? undefined },
        options,
      );
    case 'ReEngageParticipant':
      return client.reEngage(id, { occurredAt: command.data.occurredAt, reason: unwrapOptional(command.data.reason) }, options);
    case 'CorrectEvent': {
      const d = command.data;
      return client.correct(
        id,
        {
          occurredAt: d.occurredAt,
          correctedVersion: d.correctedVersion,
          correctedType: d.correctedType,
          reasonCode: d.reasonCode.code,
          reason: unwrapOptional(d.reason),
        },
        options,
      );
    }
    case 'EraseParticipant':
      return client.erase(id, { occurredAt: command.data.occurredAt, reasonCode: command.data.reasonCode.code }, options);
    default:
      return assertNever(command);
  }
};
