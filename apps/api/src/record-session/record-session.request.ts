import { SESSION_MODES } from '@workwell/domain';
import { Code, FreeText, Instant, WholeNumber } from '../http/request.decorators';

export class RecordSessionRequest {
  @Instant() occurredAt!: string;
  @Code(SESSION_MODES) mode!: string;
  @WholeNumber(1, 480, { description: 'Minutes.' }) durationMinutes!: number;
  @FreeText({ optional: true }) notes?: string;
}
