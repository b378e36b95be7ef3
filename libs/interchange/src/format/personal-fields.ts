import { isErasedPersonalData, type JourneyCommandType, type JourneyEventType, type SealedPersonalData } from '@workwell/domain';
import type { KeyStore } from '@workwell/key-store';

/** A field of a command's data (and of the event it records) that holds personal data, sealed in the store and in clear in a file. */
export interface PersonalField {
  /** Dotted, `[]` for each element of an array: `goals[].description`. */
  readonly path: string;
  /** Sealed as JSON (personal details), or as text. */
  readonly json: boolean;
  readonly optional: boolean;
}

const text = (path: string, optional = true): PersonalField => ({ path, json: false, optional });

/** Every personal field of every command; the event each records keeps it under the same name. */
export const PERSONAL_FIELDS: Readonly<Record<JourneyCommandType, readonly PersonalField[]>> = {
  ReferParticipant: [{ path: 'personalDetails', json: true, optional: false }],
  TriageReferral: [text('reason')],
  RecordContactAttempt: [],
  RecordFirstAppointment: [],
  GiveConsent: [],
  WithdrawConsent: [text('reason')],
  CompleteAssessment: [],
  AgreeActionPlan: [text('goals[].description', false)],
  ReviewActionPlan: [text('notes')],
  RecordCoachingSession: [text('notes')],
  MakeOnwardReferral: [],
  RecordOnwardReferralOutcome: [],
  RecordEmployerLiaison: [text('notes')],
  ShareData: [],
  RecordOutcome: [],
  DischargeParticipant: [],
  ReEngageParticipant: [text('reason')],
  CorrectEvent: [text('reason')],
  EraseParticipant: [],
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type Visit = (value: unknown, field: PersonalField, where: string) => Promise<unknown>;

const mapPath = async (
  value: unknown,
  segments: readonly string[],
  field: PersonalField,
  where: string,
  visit: Visit,
): Promise<unknown> => {
  const [head, ...rest] = segments;
  if (!isRecord(value)) return value;
  const each = head.endsWith('[]');
  const key = each ? head.slice(0, -2) : head;
  const child = value[key];
  if (child === undefined || child === null) return value;
  let mapped: unknown;
  if (each) {
    if (!Array.isArray(child)) return value;
    mapped = await Promise.all(child.map((item, i) => mapPath(item, rest, field, `${where}.${key}.${i}`, visit)));
  } else {
    mapped = rest.length === 0 ? await visit(child, field, `${where}.${key}`) : await mapPath(child, rest, field, `${where}.${key}`, visit);
  }
  return { ...value, [key]: mapped };
};

/**
 * A copy of a command's (or its event's) data with every personal field replaced by what
 * `visit` makes of it: sealed on the way in, opened on the way out. Absent and null fields stay
 * as they are.
 */
export const mapPersonalFields = async <T>(type: JourneyCommandType, data: T, visit: Visit): Promise<T> => {
  let result: unknown = data;
  for (const field of PERSONAL_FIELDS[type]) result = await mapPath(result, field.path.split('.'), field, 'data', visit);
  return result as T;
};

/** Whether a command's data marks any personal field as erased (`{"erased": true}`), as an erased participant's export does. */
export const hasErasedField = async (type: JourneyCommandType, data: unknown): Promise<boolean> => {
  let erased = false;
  await mapPersonalFields(type, data, async (value) => {
    if (isErasedPersonalData(value)) erased = true;
    return value;
  });
  return erased;
};

/** The command behind each event that one command records alone (the sharing events are paired below). */
export const COMMAND_OF_EVENT: Readonly<Partial<Record<JourneyEventType, JourneyCommandType>>> = {
  ParticipantReferred: 'ReferParticipant',
  ReferralTriaged: 'TriageReferral',
  ContactAttempted: 'RecordContactAttempt',
  FirstAppointmentHeld: 'RecordFirstAppointment',
  ConsentGiven: 'GiveConsent',
  ConsentWithdrawn: 'WithdrawConsent',
  AssessmentCompleted: 'CompleteAssessment',
  ActionPlanAgreed: 'AgreeActionPlan',
  ActionPlanReviewed: 'ReviewActionPlan',
  CoachingSessionHeld: 'RecordCoachingSession',
  OnwardReferralMade: 'MakeOnwardReferral',
  OnwardReferralOutcomeRecorded: 'RecordOnwardReferralOutcome',
  EmployerLiaisonRecorded: 'RecordEmployerLiaison',
  DataShared: 'ShareData',
  OutcomeRecorded: 'RecordOutcome',
  ParticipantDischarged: 'DischargeParticipant',
  ParticipantReEngaged: 'ReEngageParticipant',
  EventCorrected: 'CorrectEvent',
  ParticipantErased: 'EraseParticipant',
};

/** Opens a sealed field to what the participant gave, or `{ "erased": true }` once their key is gone. */
const openField = async (keyStore: KeyStore, value: unknown, json: boolean): Promise<unknown> => {
  const opened = await keyStore.open(value as SealedPersonalData);
  if (typeof opened !== 'string') return opened;
  return json ? JSON.parse(opened) : opened;
};

/** A command's data, or its event's, with every personal field opened. */
export const openCommandData = <T>(keyStore: KeyStore, type: JourneyCommandType, data: T): Promise<T> =>
  mapPersonalFields(type, data, (value, field) => openField(keyStore, value, field.json));

/** An event's data with every personal field opened (events that hold none come back as they are). */
export const openEventData = async <T>(keyStore: KeyStore, type: JourneyEventType, data: T): Promise<T> => {
  const command = COMMAND_OF_EVENT[type];
  return command === undefined ? data : openCommandData(keyStore, command, data);
};
