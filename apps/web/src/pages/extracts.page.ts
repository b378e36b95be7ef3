import { html, nothing } from 'lit-html';
import { dateTimeText, numberText } from '../view/format';
import { problemView } from '../view/problem.view';
import { formValues, type Page } from './page';

interface ExtractAnswer {
  readonly id: string;
  readonly manifestSha256: string;
  readonly manifest: { readonly rows: number; readonly asOf: string; readonly lastPosition: number };
  readonly files: readonly { readonly name: string; readonly href: string }[];
}

const field = (id: string, label: string, hint: string, required: boolean) =>
  html`<div class="ww-form-group">
    <label class="ww-label" for=${id}>${label}${required ? nothing : ' (optional)'}</label>
    <p class="ww-hint" id="${id}-hint">${hint}</p>
    <input class="ww-input" id=${id} name=${id} aria-describedby="${id}-hint" ?required=${required} />
  </div>`;

export const extractsPage: Page = {
  name: 'extracts',
  title: 'Extracts',
  roles: ['evaluator', 'admin'],
  inNavigation: true,
  load: async ({ api, update }) => {
    const state: { made?: ExtractAnswer; error?: unknown; busy: boolean } = { busy: false };
    const submit = async (event: Event) => {
      event.preventDefault();
      const values = formValues(event.target as HTMLFormElement);
      Object.assign(state, { busy: true, error: undefined, made: undefined });
      update();
      try {
        state.made = await api.post<ExtractAnswer>('/evaluation/extracts', {
          recipient: values.recipient,
          agreementReference: values.agreementReference,
          ...(values.asOf ? { asOf: values.asOf } : {}),
          ...(values.siteId ? { siteId: values.siteId } : {}),
        });
      } catch (error) {
        state.error = error;
      }
      state.busy = false;
      update();
      (document.querySelector(state.error ? '.ww-error-summary' : '#extract-made') as HTMLElement | null)?.focus();
    };
    return () =>
      html`<h1 tabindex="-1">Extracts</h1>
        <p class="ww-lede">
          A pseudonymised participant-episode dataset (episodes.csv and its manifest), made on the server and recorded as a data sharing
          before it can be downloaded. No name, date of birth, NHS number, contact detail or internal id is written.
        </p>
        ${problemView(state.error, 'The extract was not made')}
        <form class="ww-form" @submit=${submit} novalidate>
          ${field('recipient', 'Recipient', 'The organisation receiving the extract, e.g. DWP Evaluation Unit.', true)}
          ${field('agreementReference', 'Data sharing agreement reference', 'e.g. DSA-2026-014.', true)}
          ${field('asOf', 'As known at', 'A date, an instant with its zone, or an event position; empty for now.', false)}
          ${field('siteId', 'Site', 'One site only; empty for all sites.', false)}
          <button class="ww-button" type="submit" ?disabled=${state.busy}>
            ${state.busy ? 'Making the extract…' : 'Make the extract'}
          </button>
        </form>
        ${
          state.made
            ? html`<section class="ww-card" id="extract-made" tabindex="-1" aria-labelledby="made-heading">
                <h2 id="made-heading">Extract made and recorded</h2>
                <dl class="ww-summary-list">
                  <div>
                    <dt>Rows</dt>
                    <dd>${numberText(state.made.manifest.rows)}</dd>
                  </div>
                  <div>
                    <dt>As known at</dt>
                    <dd>${dateTimeText(state.made.manifest.asOf)}</dd>
                  </div>
                  <div>
                    <dt>Last event position</dt>
                    <dd>${state.made.manifest.lastPosition}</dd>
                  </div>
                  <div>
                    <dt>Manifest SHA-256</dt>
                    <dd><code>${state.made.manifestSha256}</code></dd>
                  </div>
                </dl>
                <p class="ww-actions">
                  ${state.made.files.map(
                    (file) =>
                      html`<button
                        class="ww-button ww-button--secondary"
                        type="button"
                        @click=${() => void api.download(file.href, file.name)}
                      >
                        Download ${file.name}
                      </button>`,
                  )}
                </p>
              </section>`
            : nothing
        }`;
  },
};
