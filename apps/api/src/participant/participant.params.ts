import { ParticipantId } from '../http/request.decorators';

export class ParticipantParams {
  @ParticipantId({ description: 'The participant (a UUID; any case, answered in lower case).' })
  participantId!: string;
}
