import { html, nothing } from 'lit-html';
import { codeLabel, dateTimeText, nameLabel, valueText } from '../view/format';
import { formValues, type Page, routeOf } from './page';

interface TraceEntry {
  readonly at: string;
  readonly recordedAt: string;
  readonly kind: string;
  readonly version: number | null;
  readonly by: { readonly userId: string; readonly role: string; readonly site?: string | null };
  readonly details: Readonly<Record<string, unknown>>;
}
interface Trace {
  readonly participantId: string;
  readonly siteId: string | null;
  readonly position: number;
  readonly entries: readonly TraceEntry[];
}

const KIND_TAGS: Readonly<Record<string, string>> = {
  'consent-given': 'green',
  'consent-withdrawn': 'orange',
  'data-shared': 'blue',
  'sharing-blocked': 'red',
  'personal-data-read': 'grey',
  erasure: 'red',
};

const late = (entry: TraceEntry) => Date.parse(entry.recordedAt) - Date.parse(entry.at) > 86_400_000;

const printPage = () => window.print();

export const tracePage: Page = {
  name: 'trace',
  title: 'Participant trace',
  roles: ['auditor', 'admin'],
  inNavigation: true,
  load: async ({ api, params, go }) => {
    const participantId = (params.get('participant') ?? '').trim();
    const trace = participantId ? await api.get<Trace>(`/audit/participants/${encodeURIComponent(participantId)}/trace`) : undefined;
    const submit = (event: Event) => {
      event.preventDefault();
      go(routeOf('trace', formValues(event.target as HTMLFormElement)));
    };
    const counts = new Map<string, number>();
    for (const entry of trace?.entries ?? []) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
    return () =>
      html`<h1 tabindex="-1">Consent and sharing trace</h1>
        <form class="ww-form ww-filters ww-no-print" @submit=${submit}>
          <div class="ww-form-group">
            <label class="ww-label" for="participant">Participant ID</label>
            <input
              class="ww-input ww-input--wide"
              id="participant"
              name="participant"
              .value=${participantId}
              required
              spellcheck="false"
            />
          </div>
          <button class="ww-button" type="submit">Show the trace</button>
        </form>
        ${
          trace
            ? html`<p class="ww-lede">
                  Participant <code>${trace.participantId}</code>${trace.siteId ? html`, site ${trace.siteId}` : nothing}: every consent
                  given or withdrawn, every sharing and blocked attempt, every read of their personal data, and any erasure, by when it
                  happened. As of event position ${trace.position}.
                </p>
                <p class="ww-actions ww-no-print">
                  <button class="ww-button ww-button--secondary" type="button" @click=${printPage}>Print</button>
                </p>
                <ul class="ww-counts">
                  ${[...counts].map(([kind, count]) => html`<li><strong>${count}</strong> ${codeLabel(kind)}</li>`)}
                </ul>
                <table class="ww-table ww-table--print">
                  <caption>
                    Trace entries (${trace.entries.length})
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Happened</th>
                      <th scope="col">What</th>
                      <th scope="col">By</th>
                      <th scope="col">Details</th>
                      <th scope="col" class="ww-num">Version</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${trace.entries.map(
                      (entry) =>
                        html`<tr>
                          <td>
                            ${dateTimeText(entry.at)}
                            ${late(entry) ? html`<span class="ww-cell-note">recorded ${dateTimeText(entry.recordedAt)}</span>` : nothing}
                          </td>
                          <th scope="row">
                            <strong class="ww-tag ww-tag--${KIND_TAGS[entry.kind] ?? 'grey'}">${codeLabel(entry.kind)}</strong>
                          </th>
                          <td>${entry.by.userId} (${entry.by.role}${entry.by.site ? `, ${entry.by.site}` : ''})</td>
                          <td>
                            <dl class="ww-inline-list">
                              ${Object.entries(entry.details)
                                .filter(([, value]) => value !== null && value !== undefined && value !== false)
                                .map(
                                  ([key, value]) =>
                                    html`<div>
                                      <dt>${nameLabel(key)}</dt>
                                      <dd>${valueText(value)}</dd>
                                    </div>`,
                                )}
                            </dl>
                          </td>
                          <td class="ww-num">${entry.version ?? '–'}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : html`<p>Enter a participant ID, from a finding or an information governance request.</p>`
        }`;
  },
};
