import { CONTACT_METHODS, CONTACT_OUTCOMES, EMPLOYMENT_STATUSES, SESSION_MODES } from '@workwell/domain';
import { Code, Instant } from '../http/request.decorators';

export class ContactAttemptRequest {
  @Instant() occurredAt!: string;
  @Code(CONTACT_METHODS) method!: string;
  @Code(CONTACT_OUTCOMES) outcome!: string;
}

export class FirstAppointmentRequest {
  @Instant() occurredAt!: string;
  @Code(SESSION_MODES) mode!: string;
  @Code(EMPLOYMENT_STATUSES, { description: 'Employment status at the first appointment (national MI reports it here).' })
  employmentStatus!: string;
}
