import type { Pool } from 'pg';

export type FindingKind =
  | 'sharing-after-late-withdrawal'
  | 'sharing-without-active-consent'
  | 'sharing-without-lawful-basis'
  | 'consent-without-evidence'
  | 'read-by-unexpected-role';

export interface Finding {
  readonly kind: FindingKind;
  readonly participantId: string;
  readonly siteId: string | null;
  readonly sentence: string;
  /** The stream versions of the events behind it, in the participant's stream `participant-<id>`. */
  readonly events: readonly number[];
  /** Where an auditor reads the whole story. */
  readonly trace: string;
  readonly at: string;
}

/** Roles whose work is the participant's care: reads of personal data by anyone else are questioned. */
const careRoles = ['coach', 'manager'];

const traceOf = (participantId: string): string => `/audit/participants/${participantId}/trace`;

/**
 * What information governance should look at, across a site or all sites: sharings whose
 * consent turns out, from entries recorded later, to have been withdrawn already; sharings
 * resting on consent that was not active or on no lawful basis; consents recorded without
 * evidence; reads of personal data by roles that should not need it.
 */
export const auditFindings = async (pool: Pool, options: { siteId?: string } = {}): Promise<Finding[]> => {
  const params: unknown[] = options.siteId ? [options.siteId] : [];
  const site = options.siteId ? 'AND c.site_id = $1' : '';
  const [late, inactive, noBasis, noEvidence, reads] = await Promise.all([
    pool.query(
      `SELECT s.participant_id, c.site_id, s.version, s.late_withdrawal_version, s.occurred_at, s.consent_scope, s.recipient_kind
       FROM sharing_decisions s LEFT JOIN caseload c USING (participant_id)
       WHERE s.outcome = 'shared' AND NOT s.retracted AND s.late_withdrawal_version IS NOT NULL ${site}`,
      params,
    ),
    pool.query(
      `SELECT s.participant_id, c.site_id, s.version, s.occurred_at, s.consent_scope, s.recipient_kind
       FROM sharing_decisions s LEFT JOIN caseload c USING (participant_id)
       WHERE s.outcome = 'shared' AND NOT s.retracted AND s.lawful_basis = 'consent' AND s.consent_active_at_occurrence IS FALSE AND s.late_withdrawal_version IS NULL ${site}`,
      params,
    ),
    pool.query(
      `SELECT s.participant_id, c.site_id, s.version, s.occurred_at, s.recipient_kind
       FROM sharing_decisions s LEFT JOIN caseload c USING (participant_id)
       WHERE s.outcome = 'shared' AND NOT s.retracted AND coalesce(s.lawful_basis, '') = '' ${site}`,
      params,
    ),
    pool.query(
      `SELECT t.participant_id, c.site_id, t.version, t.occurred_at, t.scope
       FROM consent_timeline t LEFT JOIN caseload c USING (participant_id)
       WHERE t.given AND NOT t.retracted AND t.evidence_reference IS NULL ${site}`,
      params,
    ),
    pool.query(
      `SELECT l.participant_id, coalesce(l.participant_site, c.site_id) AS site_id, l.accessed_at, l.user_id, l.role, l.what, l.purpose
       FROM personal_data_access_log l LEFT JOIN caseload c USING (participant_id)
       WHERE l.role <> ALL($${params.length + 1}) ${options.siteId ? `AND coalesce(l.participant_site, c.site_id) = $1` : ''}`,
      [...params, careRoles],
    ),
  ]);
  const iso = (value: Date) => value.toISOString();
  const findings: Finding[] = [
    ...late.rows.map((r) => ({
      kind: 'sharing-after-late-withdrawal' as const,
      participantId: r.participant_id,
      siteId: r.site_id,
      sentence: `Data went to the ${r.recipient_kind} under ${r.consent_scope} consent on ${iso(r.occurred_at).slice(0, 10)}, but a withdrawal recorded afterwards says the participant had already withdrawn it.`,
      events: [r.version, r.late_withdrawal_version],
      at: iso(r.occurred_at),
    })),
    ...inactive.rows.map((r) => ({
      kind: 'sharing-without-active-consent' as const,
      participantId: r.participant_id,
      siteId: r.site_id,
      sentence: `Data went to the ${r.recipient_kind} on consent (${r.consent_scope}) that was not active when it happened.`,
      events: [r.version],
      at: iso(r.occurred_at),
    })),
    ...noBasis.rows.map((r) => ({
      kind: 'sharing-without-lawful-basis' as const,
      participantId: r.participant_id,
      siteId: r.site_id,
      sentence: `Data went to the ${r.recipient_kind} without a lawful basis recorded.`,
      events: [r.version],
      at: iso(r.occurred_at),
    })),
    ...noEvidence.rows.map((r) => ({
      kind: 'consent-without-evidence' as const,
      participantId: r.participant_id,
      siteId: r.site_id,
      sentence: `Consent for ${r.scope} was recorded without an evidence reference (form, recording or document id).`,
      events: [r.version],
      at: iso(r.occurred_at),
    })),
    ...reads.rows.map((r) => ({
      kind: 'read-by-unexpected-role' as const,
      participantId: r.participant_id,
      siteId: r.site_id,
      sentence: `${r.user_id} (${r.role}) read the participant's ${r.what} for "${r.purpose}": the role does not normally need personal data.`,
      events: [],
      at: iso(r.accessed_at),
    })),
  ].map((finding) => ({ ...finding, trace: traceOf(finding.participantId) }));
  return findings.sort((a, b) => a.at.localeCompare(b.at) || a.participantId.localeCompare(b.participantId));
};
