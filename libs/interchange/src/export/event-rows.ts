import { currentCodeList, type JourneyCommandType, type RecordedJourneyEvent } from '@workwell/domain';
import type { InterchangeRow } from '../format/interchange.format';
import { COMMAND_OF_EVENT } from '../format/personal-fields';

/** One command's events: the ones it recorded together, and the command and data that record them again. */
export interface CommandOfEvents {
  readonly type: JourneyCommandType;
  readonly events: readonly RecordedJourneyEvent[];
  /** The command's data, personal fields still sealed, without `occurredAt` (the row has it). */
  readonly data: Readonly<Record<string, unknown>>;
}

const withoutOccurredAt = ({ occurredAt: _occurredAt, ...rest }: Record<string, unknown>) => rest;

/** What a blocked sharing tells of the command that attempted it: all its data that reached the decision. */
const attemptOf = (event: RecordedJourneyEvent<Extract<RecordedJourneyEvent, { type: 'DataSharingBlocked' }>>): CommandOfEvents => {
  const { command, sharingId, recipient, purpose, dataCategories, lawfulBasis } = event.data.attempted;
  const events = [event];
  switch (command) {
    case 'ShareData':
      return { type: command, events, data: { sharingId, recipient, purpose, dataCategories, lawfulBasis } };
    case 'RecordEmployerLiaison':
      // A blocked liaison keeps no topic: the row leaves it out, and the import decides it without.
      return { type: command, events, data: { liaisonId: sharingId, employerId: recipient.reference, dataCategories } };
    case 'MakeOnwardReferral': {
      const services = currentCodeList('onward-service')!;
      return {
        type: command,
        events,
        data: {
          onwardReferralId: sharingId,
          service: { list: services.list, version: services.version, code: recipient.reference },
          dataShared: { dataCategories, lawfulBasis },
        },
      };
    }
  }
};

/**
 * A participant's events as the commands that recorded them, in stream order: a liaison or an
 * onward referral with the data sharing it recorded beside it is one command, a blocked sharing
 * is the command that attempted it, an erasure no longer names the key it destroyed.
 */
export const commandsOfEvents = (events: readonly RecordedJourneyEvent[]): CommandOfEvents[] => {
  const commands: CommandOfEvents[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const next = events[i + 1];
    if (event.type === 'DataSharingBlocked') {
      commands.push(attemptOf(event));
      continue;
    }
    const type = COMMAND_OF_EVENT[event.type]!;
    const data = withoutOccurredAt(event.data as unknown as Record<string, unknown>);
    const pairedId =
      event.type === 'EmployerLiaisonRecorded'
        ? event.data.liaisonId
        : event.type === 'OnwardReferralMade'
          ? event.data.onwardReferralId
          : undefined;
    if (
      pairedId !== undefined &&
      next?.type === 'DataShared' &&
      next.data.sharingId === pairedId &&
      next.metadata.correlationId === event.metadata.correlationId
    ) {
      commands.push({ type, events: [event, next], data });
      i += 1;
      continue;
    }
    if (event.type === 'DataShared') {
      const { consentRelied: _consentRelied, ...shared } = data;
      commands.push({ type, events: [event], data: shared });
      continue;
    }
    if (event.type === 'ParticipantErased') {
      const { keyId: _keyId, ...erasure } = data;
      commands.push({ type, events: [event], data: erasure });
      continue;
    }
    commands.push({ type, events: [event], data });
  }
  return commands;
};

/** A command as a row of the file, recorded when and by whom its first event was; `data` is already opened. */
export const rowOf = (
  command: CommandOfEvents,
  row: number,
  participantId: string,
  data: Readonly<Record<string, unknown>>,
): InterchangeRow => {
  const first = command.events[0];
  const { actor, correlationId, causationId } = first.metadata;
  return {
    row,
    participantRef: participantId,
    type: command.type,
    occurredAt: first.data.occurredAt,
    recordedAt: first.recordedAt,
    site: actor.site,
    recordedBy: { userId: actor.userId, role: actor.role, organisation: actor.organisation },
    correlationId,
    ...(causationId ? { causationId } : {}),
    recorded: command.events.map((event) => event.type),
    data,
  };
};
