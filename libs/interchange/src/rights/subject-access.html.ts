import { escapeHtml, htmlDocument, tableHtml, valueHtml } from './html-document';
import type { SubjectAccessReport } from './subject-access';

/** The subject access answer as a document a person can read: self-contained, nothing loaded from elsewhere. */
export const subjectAccessHtml = (report: SubjectAccessReport): string => {
  const events = report.events
    .map(
      (event) =>
        `<tr${event.retracted ? ' class="retracted"' : ''}><td>${event.version}</td><td>${escapeHtml(event.type)}${event.retracted ? ' (corrected later)' : ''}</td>` +
        `<td>${escapeHtml(event.occurredAt)}</td><td>${escapeHtml(event.recordedAt)}</td>` +
        `<td>${escapeHtml(`${event.recordedBy.userId} (${event.recordedBy.role}, ${event.recordedBy.organisation}, ${event.recordedBy.site})`)}</td>` +
        `<td>${valueHtml(event.data)}</td></tr>`,
    )
    .join('');
  const { caseload, consentTimeline, sharingDecisions, outcomeFacts, erasures, position } = report.readModels;
  const body = [
    `<h1>Your WorkWell record</h1>`,
    `<p>Participant ${escapeHtml(report.participantId)}${report.siteId ? `, site ${escapeHtml(report.siteId)}` : ''}. Prepared ${escapeHtml(report.generatedAt)} at the request handled by ${escapeHtml(report.requestedBy.userId)} (${escapeHtml(report.requestedBy.organisation)}).</p>`,
    `<p class="note">${escapeHtml(report.statement)}</p>`,
    `<h2>What was recorded (${report.events.length} entries)</h2>`,
    `<table><thead><tr><th>#</th><th>what</th><th>happened</th><th>recorded</th><th>recorded by</th><th>details</th></tr></thead><tbody>${events}</tbody></table>`,
    `<h2>Your current record (read models, as of position ${position})</h2>`,
    caseload ? valueHtml(caseload) : '<p>None.</p>',
    `<h2>Consents</h2>`,
    tableHtml(consentTimeline),
    `<h2>Sharing decisions</h2>`,
    tableHtml(sharingDecisions),
    `<h2>Outcomes worked out for the evaluation</h2>`,
    tableHtml(outcomeFacts),
    `<h2>Erasure</h2>`,
    tableHtml(erasures),
    `<h2>Consent and sharing, in time order</h2>`,
    tableHtml((report.consentAndSharing?.entries ?? []).map((entry) => ({ ...entry }))),
    `<h2>Who read your personal details</h2>`,
    tableHtml(report.reads),
    `<h2>Copies of your record given to other systems or to you</h2>`,
    tableHtml(
      report.exports.map(({ recipient, purpose, siteId, occurredAt, file }) => ({
        recipient,
        purpose,
        siteId,
        occurredAt,
        file: file.name,
      })),
    ),
  ].join('\n');
  return htmlDocument(`WorkWell record of participant ${report.participantId}`, body);
};
