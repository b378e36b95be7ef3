import type { RecordedExtractSharing } from '@workwell/evaluation';
import type { Finding, ParticipantTrace, TraceEntry } from '@workwell/read-models';

const cell = (value: unknown): string =>
  String(value ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

const what = (entry: TraceEntry): string => {
  const d = entry.details;
  switch (entry.kind) {
    case 'consent-given':
      return `consent given: ${d.scope} (${d.method}${d.evidenceReference ? `, evidence ${d.evidenceReference}` : ', no evidence reference'})`;
    case 'consent-withdrawn':
      return `consent withdrawn: ${d.scope} (${d.method})`;
    case 'data-shared': {
      const recipient = d.recipient as { kind: string; reference: string };
      const consent = d.consentScope
        ? `; consent ${d.consentScope} ${d.consentActiveWhenItHappened ? 'active' : 'NOT active'} when it happened`
        : '';
      const late = d.withdrawalRecordedLaterVersion ? `; withdrawal recorded later (v${d.withdrawalRecordedLaterVersion})` : '';
      return `shared with ${recipient.kind} ${recipient.reference}: ${(d.dataCategories as string[]).join(', ')} for ${d.purpose}, basis ${d.lawfulBasis}${consent}${late}`;
    }
    case 'sharing-blocked': {
      const recipient = d.recipient as { kind: string; reference: string };
      return `sharing with ${recipient.kind} ${recipient.reference} blocked: ${d.blockedBecause}`;
    }
    case 'personal-data-read':
      return `read ${d.what} for "${d.purpose}"`;
    case 'erasure':
      return `personal data erased (${d.reason})`;
  }
};

/** The trace as a report an auditor can file. */
export const traceMarkdown = (trace: ParticipantTrace, generatedAt: string): string =>
  [
    `# Consent and data-sharing trace: participant ${trace.participantId}`,
    '',
    `Site: ${trace.siteId ?? 'unknown'}. Generated ${generatedAt} from read models at event position ${trace.position}.`,
    '',
    '| happened | recorded | what | by | event |',
    '| --- | --- | --- | --- | --- |',
    ...trace.entries.map(
      (e) =>
        `| ${e.at} | ${e.recordedAt === e.at ? '' : e.recordedAt} | ${cell(what(e))} | ${cell(`${e.by.userId} (${e.by.role})`)} | ${e.version === null ? '' : `v${e.version}`} |`,
    ),
    '',
  ].join('\n');

export const findingsMarkdown = (findings: readonly Finding[], generatedAt: string, siteId?: string): string =>
  [
    `# Audit findings${siteId ? `: site ${siteId}` : ': all sites'}`,
    '',
    `Generated ${generatedAt}. ${findings.length === 0 ? 'No findings.' : `${findings.length} finding${findings.length === 1 ? '' : 's'}.`}`,
    '',
    ...(findings.length ? ['| when | kind | participant | what | events |', '| --- | --- | --- | --- | --- |'] : []),
    ...findings.map(
      (f) => `| ${f.at} | ${f.kind} | ${f.participantId} | ${cell(f.sentence)} | ${f.events.map((v) => `v${v}`).join(', ')} |`,
    ),
    '',
  ].join('\n');

/** Every evaluation extract shared, as an auditor files it: to whom, under which agreement, what it held and its checksum. */
export const extractSharingsMarkdown = (sharings: readonly RecordedExtractSharing[], generatedAt: string): string =>
  [
    '# Evaluation extracts shared',
    '',
    `Generated ${generatedAt}. Each extract holds pseudonymised participant episodes only; the manifest checksum identifies exactly what was sent.`,
    '',
    '| shared | recipient | agreement | by | as of | last position | site | rows | manifest SHA-256 | event |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...sharings.map(
      (s) =>
        `| ${s.occurredAt} | ${cell(s.recipient)} | ${cell(s.agreementReference)} | ${cell(s.sharedBy.userId)} | ${s.asOf} | ${s.lastPosition} | ${s.siteId ?? 'all'} | ${s.rows} | ${s.manifestSha256} | v${s.version} |`,
    ),
    '',
  ].join('\n');
