import type { ConsentReceipt } from './consent-receipt';
import { escapeHtml, htmlDocument } from './html-document';

const row = (label: string, value: string | null): string =>
  value === null ? '' : `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;

/** The receipt as a page the participant can be given or sent: self-contained, nothing loaded from elsewhere. */
export const consentReceiptHtml = (receipt: ConsentReceipt): string => {
  const verb = receipt.action === 'given' ? 'You gave your consent' : 'You withdrew your consent';
  const body = [
    `<h1>${escapeHtml(`${verb} for ${receipt.scope.inWords}`)}</h1>`,
    receipt.participantName ? `<p>For ${escapeHtml(receipt.participantName)}.</p>` : '',
    '<dl>',
    row('What', `${receipt.action === 'given' ? 'Consent given' : 'Consent withdrawn'}: ${receipt.scope.inWords}`),
    row('How', receipt.method.inWords),
    row('When', receipt.occurredAt),
    row(
      'Written down',
      `${receipt.recordedAt} by ${receipt.recordedBy.userId} (${receipt.recordedBy.role}, ${receipt.recordedBy.organisation})`,
    ),
    row('Evidence kept', receipt.evidenceReference),
    row('Ends', receipt.expiresAt),
    row('In force now', receipt.inForceNow ? 'yes' : 'no'),
    row('Note', receipt.retracted ? 'This record was later corrected.' : null),
    row('Receipt', `${receipt.receiptId}, issued ${receipt.issuedAt}`),
    '</dl>',
    `<p class="note">${escapeHtml(receipt.howToWithdraw)} ${escapeHtml(receipt.whatWithdrawingMeans)}</p>`,
  ].join('\n');
  return htmlDocument(`WorkWell consent receipt ${receipt.receiptId}`, body);
};
