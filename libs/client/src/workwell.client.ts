import type * as T from './client.types';
import { HttpTransport, type RequestOptions, type TransportOptions } from './http-transport';

export type WriteOptions = Pick<RequestOptions, 'ifMatch' | 'idempotencyKey'>;

/**
 * One method per endpoint. Writes carry an idempotency key (yours, or a fresh one reused across
 * retries) and an optional If-Match version; failures are `WorkwellProblem`s with a stable `code`.
 */
export class WorkwellClient {
  private readonly http: HttpTransport;

  constructor(options: TransportOptions) {
    this.http = new HttpTransport(options);
  }

  private async write(path: string, body: unknown, options?: WriteOptions): Promise<T.Recorded> {
    return (await this.http.send<T.Recorded>('POST', path, body, options)).body;
  }

  private p(participantId: string, tail = ''): string {
    return `/participants/${encodeURIComponent(participantId)}${tail}`;
  }

  refer(body: T.ReferParticipant, options?: WriteOptions) {
    return this.write('/participants', body, options);
  }
  triage(participantId: string, body: T.TriageReferral, options?: WriteOptions) {
    return this.write(this.p(participantId, '/triage'), body, options);
  }
  recordContactAttempt(participantId: string, body: T.ContactAttempt, options?: WriteOptions) {
    return this.write(this.p(participantId, '/contact-attempts'), body, options);
  }
  recordFirstAppointment(participantId: string, body: T.FirstAppointment, options?: WriteOptions) {
    return this.write(this.p(participantId, '/first-appointment'), body, options);
  }
  giveConsent(participantId: string, body: T.GiveConsent, options?: WriteOptions) {
    return this.write(this.p(participantId, '/consents'), body, options);
  }
  withdrawConsent(participantId: string, body: T.WithdrawConsent, options?: WriteOptions) {
    return this.write(this.p(participantId, '/consents/withdrawals'), body, options);
  }
  completeAssessment(participantId: string, body: T.CompleteAssessment, options?: WriteOptions) {
    return this.write(this.p(participantId, '/assessment'), body, options);
  }
  agreeActionPlan(participantId: string, body: T.AgreeActionPlan, options?: WriteOptions) {
    return this.write(this.p(participantId, '/action-plans'), body, options);
  }
  reviewActionPlan(participantId: string, planId: string, body: T.ReviewActionPlan, options?: WriteOptions) {
    return this.write(this.p(participantId, `/action-plans/${encodeURIComponent(planId)}/reviews`), body, options);
  }
  recordSession(participantId: string, body: T.CoachingSession, options?: WriteOptions) {
    return this.write(this.p(participantId, '/sessions'), body, options);
  }
  referOn(participantId: string, body: T.OnwardReferral, options?: WriteOptions) {
    return this.write(this.p(participantId, '/onward-referrals'), body, options);
  }
  recordOnwardReferralOutcome(participantId: string, onwardReferralId: string, body: T.OnwardReferralOutcome, options?: WriteOptions) {
    return this.write(this.p(participantId, `/onward-referrals/${encodeURIComponent(onwardReferralId)}/outcome`), body, options);
  }
  recordEmployerLiaison(participantId: string, body: T.EmployerLiaison, options?: WriteOptions) {
    return this.write(this.p(participantId, '/employer-liaisons'), body, options);
  }
  shareData(participantId: string, body: T.ShareData, options?: WriteOptions) {
    return this.write(this.p(participantId, '/data-sharings'), body, options);
  }
  recordOutcome(participantId: string, body: T.RecordOutcome, options?: WriteOptions) {
    return this.write(this.p(participantId, '/outcomes'), body, options);
  }
  discharge(participantId: string, body: T.Discharge, options?: WriteOptions) {
    return this.write(this.p(participantId, '/discharge'), body, options);
  }
  reEngage(participantId: string, body: T.ReEngage, options?: WriteOptions) {
    return this.write(this.p(participantId, '/re-engagement'), body, options);
  }
  correct(participantId: string, body: T.CorrectEvent, options?: WriteOptions) {
    return this.write(this.p(participantId, '/corrections'), body, options);
  }
  erase(participantId: string, body: T.EraseParticipant, options?: WriteOptions) {
    return this.write(this.p(participantId, '/erasure'), body, options);
  }

  async participant(participantId: string, minPosition?: number): Promise<T.ParticipantSummary & { etagVersion: number | undefined }> {
    const sent = await this.http.send<T.ParticipantSummary>('GET', this.p(participantId), undefined, { query: { minPosition } });
    return { ...sent.body, etagVersion: sent.version };
  }
  async timeline(participantId: string, minPosition?: number): Promise<T.Timeline> {
    return (await this.http.send<T.Timeline>('GET', this.p(participantId, '/timeline'), undefined, { query: { minPosition } })).body;
  }
  async caseload(filter: T.CaseloadFilter = {}): Promise<T.Caseload> {
    return (await this.http.send<T.Caseload>('GET', '/caseload', undefined, { query: { ...filter } })).body;
  }
}
