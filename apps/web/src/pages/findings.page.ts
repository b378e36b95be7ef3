import { html, nothing } from 'lit-html';
import { codeLabel, dateTimeText, plural } from '../view/format';
import { formValues, type Page, routeOf } from './page';

interface Finding {
  readonly kind: string;
  readonly participantId: string;
  readonly siteId: string | null;
  readonly sentence: string;
  readonly events: readonly number[];
  readonly at: string;
}

export const findingsPage: Page = {
  name: 'findings',
  title: 'Findings',
  roles: ['auditor', 'admin'],
  inNavigation: true,
  load: async ({ api, params, go }) => {
    const siteId = params.get('siteId') ?? '';
    const { findings } = await api.get<{ findings: readonly Finding[] }>('/audit/findings', { siteId: siteId || undefined });
    const submit = (event: Event) => {
      event.preventDefault();
      go(routeOf('findings', formValues(event.target as HTMLFormElement)));
    };
    return () =>
      html`<h1 tabindex="-1">Findings for information governance</h1>
        <p class="ww-lede">
          Sharings whose consent turns out to have been withdrawn already, sharings without active consent or a lawful basis, consents
          without evidence, and reads of personal data by roles that should not need it. Each names the events behind it.
        </p>
        <form class="ww-form ww-filters ww-no-print" @submit=${submit}>
          <div class="ww-form-group">
            <label class="ww-label" for="siteId">Site</label>
            <input class="ww-input" id="siteId" name="siteId" .value=${siteId} placeholder="All sites" />
          </div>
          <button class="ww-button" type="submit">Show</button>
        </form>
        <p class="ww-actions ww-no-print">
          <button class="ww-button ww-button--secondary" type="button" @click=${() => window.print()}>Print</button>
        </p>
        ${
          findings.length === 0
            ? html`<div class="ww-inset" role="status">No findings${siteId ? ` for site ${siteId}` : ''}.</div>`
            : html`<table class="ww-table ww-table--print">
                <caption>
                  ${plural(findings.length, 'finding')}${siteId ? ` for site ${siteId}` : ' across all sites'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Finding</th>
                    <th scope="col">What happened</th>
                    <th scope="col">Participant</th>
                    <th scope="col">Site</th>
                    <th scope="col">When</th>
                    <th scope="col">Events</th>
                  </tr>
                </thead>
                <tbody>
                  ${findings.map(
                    (finding) =>
                      html`<tr>
                        <th scope="row">${codeLabel(finding.kind)}</th>
                        <td>${finding.sentence}</td>
                        <td>
                          <a href=${routeOf('trace', { participant: finding.participantId })}><code>${finding.participantId}</code></a>
                        </td>
                        <td>${finding.siteId ?? '–'}</td>
                        <td>${dateTimeText(finding.at)}</td>
                        <td>${finding.events.length === 0 ? nothing : `versions ${finding.events.join(', ')}`}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }`;
  },
};
