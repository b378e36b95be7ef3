import type { IsoDate, IsoInstant } from '../shared/iso-time.values';
import type { Checkpoint } from './exit.events';
import type { JourneyEvent, JourneyEventType } from './journey.events';
import type { TriageDecision } from './referral.events';

export type TriageStatus = 'pending' | TriageDecision;

export interface ConsentRecord {
  /** Stream version of the `ConsentGiven` or `ConsentWithdrawn`. */
  readonly version: number;
  readonly scope: string;
  readonly given: boolean;
  readonly at: number;
  readonly expiresAt: number | null;
}

export interface PlanRecord {
  readonly version: number;
  readonly planId: string;
  readonly goalIds: readonly string[];
  readonly occurredAt: IsoInstant;
  readonly signedOn: IsoDate;
}

export interface RecordedCheckpoint {
  readonly version: number;
  readonly at: number;
  readonly reached: boolean;
}

/** One referral and what followed it; a re-referral after the journey closed opens the next episode. */
export interface Episode {
  readonly number: number;
  readonly siteId: string;
  readonly referredAt: IsoInstant;
  readonly triage: TriageStatus;
  readonly open: boolean;
  readonly dischargedAt: number | null;
  /** When the episode last closed, by discharge or at triage: a re-referral comes after it. */
  readonly closedAt: number | null;
  readonly firstContactAt: IsoInstant | null;
  readonly firstAppointmentAt: number | null;
  readonly assessed: boolean;
  readonly plans: readonly PlanRecord[];
  /** The first agreed plan that has not been retracted: funding is claimed on it. */
  readonly start: PlanRecord | null;
  /** Checkpoints that allow one outcome each (`other` may repeat, so it is not kept). */
  readonly outcomes: Readonly<Partial<Record<Checkpoint, RecordedCheckpoint>>>;
  readonly onwardReferralIds: readonly string[];
}

/** The events seen so far, newest first, kept so that a correction can replay without the retracted one. */
export interface HistoryEntry {
  readonly event: JourneyEvent;
  readonly version: number;
  readonly previous: HistoryEntry | null;
}

export interface Journey {
  /** How many events the stream holds: the version of the last one. */
  readonly version: number;
  readonly erased: boolean;
  readonly firstReferredAt: number | null;
  readonly episode: Episode | null;
  readonly consents: readonly ConsentRecord[];
  /** Versions retracted by `EventCorrected`. */
  readonly retracted: readonly number[];
  readonly history: HistoryEntry | null;
}

export const initialState = (): Journey => ({
  version: 0,
  erased: false,
  firstReferredAt: null,
  episode: null,
  consents: [],
  retracted: [],
  history: null,
});

export const eventAtVersion = (journey: Journey, version: number): JourneyEvent | undefined => {
  for (let entry = journey.history; entry !== null; entry = entry.previous) {
    if (entry.version === version) return entry.event;
    if (entry.version < version) return undefined;
  }
  return undefined;
};

export const typeAtVersion = (journey: Journey, version: number): JourneyEventType | undefined => eventAtVersion(journey, version)?.type;

export type JourneyStage =
  'not-referred' | 'awaiting-triage' | 'not-accepted' | 'accepted' | 'assessed' | 'started' | 'discharged' | 'erased';

/** Where the participant is now, as a caseload would show it. */
export const stageOf = (journey: Journey): JourneyStage => {
  const episode = journey.episode;
  if (journey.erased) return 'erased';
  if (episode === null) return 'not-referred';
  if (episode.triage === 'pending') return 'awaiting-triage';
  if (episode.triage !== 'accepted') return 'not-accepted';
  if (!episode.open) return 'discharged';
  if (episode.start !== null) return 'started';
  return episode.assessed ? 'assessed' : 'accepted';
};
