import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { CompiledValidationPipe } from '../../apps/api/src/http/compiled-validation';
import { validationProblem } from '../../apps/api/src/http/validation.problem';
import { AgreeActionPlanRequest, ReviewActionPlanRequest } from '../../apps/api/src/action-plan/action-plan.request';
import { CompleteAssessmentRequest } from '../../apps/api/src/complete-assessment/complete-assessment.request';
import { ParticipantParams } from '../../apps/api/src/participant/participant.params';
import { RecordSessionRequest } from '../../apps/api/src/record-session/record-session.request';
import { ReferParticipantRequest } from '../../apps/api/src/refer-participant/refer-participant.request';
import { TriageReferralRequest } from '../../apps/api/src/triage-referral/triage-referral.request';
import { eligible, referral, swemwbs } from '../support/journey-requests';

const options = { whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem };
const compiled = new CompiledValidationPipe(options);
const interpreted = new ValidationPipe(options);

/** What a pipe makes of a body: the value it hands the handler, or the problem it answers. */
const outcome = async (pipe: ValidationPipe, value: unknown, metatype: new () => object) => {
  const metadata: ArgumentMetadata = { type: 'body', metatype, data: undefined };
  try {
    return { accepted: JSON.parse(JSON.stringify(await pipe.transform(structuredClone(value), metadata))) as unknown };
  } catch (error) {
    return { refused: (error as { problem?: unknown }).problem ?? String(error) };
  }
};

const valid: [new () => object, Record<string, unknown>][] = [
  [RecordSessionRequest, { occurredAt: '2026-02-02T10:00:00Z', mode: 'phone', durationMinutes: 30, notes: 'Talked it through.' }],
  [TriageReferralRequest, { occurredAt: '2026-01-05T12:00:00Z', decision: 'accepted', eligibility: eligible, assignedCoachId: 'coach-1' }],
  [ReferParticipantRequest, { ...referral(), participantId: '3F1C2A9E-8B7D-4C1E-9F3A-2D5B6C7E8F90' }],
  [
    CompleteAssessmentRequest,
    { occurredAt: '2026-01-09T10:00:00Z', primaryHealthBarrier: 'musculoskeletal', baselineMeasures: [swemwbs(21)] },
  ],
  [
    AgreeActionPlanRequest,
    {
      occurredAt: '2026-01-12T10:00:00Z',
      planType: 'return-to-work',
      goals: [{ domain: 'health', description: 'Walk daily', status: 'not-started' }],
      signedByParticipantOn: '2026-01-12',
    },
  ],
  [ReviewActionPlanRequest, { occurredAt: '2026-02-12T10:00:00Z', goalStatuses: [{ goalId: 'goal-1', status: 'achieved' }] }],
  [ParticipantParams, { participantId: '3F1C2A9E-8B7D-4C1E-9F3A-2D5B6C7E8F90' }],
];

const spoilers: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'phone',
  0,
  -1,
  1.5,
  30,
  481,
  Number.NaN,
  true,
  [],
  [{}],
  ['phone'],
  [null],
  {},
  { a: 1 },
  '2026-02-30T10:00:00Z',
  '2026-02-02T10:00:00Z',
  '1984-07-21',
  'a'.repeat(2001),
  'tab\there',
];

/** A value spoiled at one path (a field, a nested field, an item), or with a field it does not have. */
const spoil = (value: unknown, depth: number): fc.Arbitrary<unknown> => {
  const replace = fc.constantFrom(...spoilers);
  if (depth === 0 || typeof value !== 'object' || value === null) return replace;
  const entries = Object.keys(value);
  const options: fc.Arbitrary<unknown>[] = [replace, fc.constant({ ...value, unexpected: 1 })];
  if (entries.length > 0)
    options.push(
      fc
        .constantFrom(...entries)
        .chain((key) =>
          spoil((value as Record<string, unknown>)[key], depth - 1).map((spoiled) =>
            Array.isArray(value)
              ? value.map((item, index) => (String(index) === key ? spoiled : item))
              : spoiled === undefined
                ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))
                : { ...value, [key]: spoiled },
          ),
        ),
    );
  return fc.oneof(...options);
};

describe('the compiled validation pipe', () => {
  it.each(valid.map(([type, body]) => [type.name, type, body] as const))(
    'accepts a valid %s exactly as class-validator does',
    async (_, type, body) => {
      const ours = await outcome(compiled, body, type);
      expect(ours).toHaveProperty('accepted');
      expect(ours).toEqual(await outcome(interpreted, body, type));
    },
  );

  it('decides a valid body without asking class-validator', async () => {
    const interpret = jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
    try {
      for (const [type, body] of valid) await outcome(compiled, body, type);
      expect(interpret).not.toHaveBeenCalled();
      await outcome(compiled, { ...valid[0][1], mode: 'pigeon' }, valid[0][0]);
      expect(interpret).toHaveBeenCalledTimes(1);
    } finally {
      interpret.mockRestore();
    }
  });

  it.each(valid.map(([type, body]) => [type.name, type, body] as const))(
    'answers every spoiled %s as class-validator does, messages included',
    async (_, type, body) => {
      await fc.assert(
        fc.asyncProperty(spoil(body, 3), async (spoiled) => {
          expect(await outcome(compiled, spoiled, type)).toEqual(await outcome(interpreted, spoiled, type));
        }),
        { numRuns: 300 },
      );
    },
  );
});
