import { html, nothing } from 'lit-html';
import { WorkwellProblem, WorkwellUnavailable } from '@workwell/client';

/** An error summary in the NHS pattern: what went wrong, in the API's own words, with each field named. */
export const problemView = (error: unknown, heading = 'There is a problem') => {
  if (error === undefined) return nothing;
  const detail =
    error instanceof WorkwellProblem
      ? error.detail || error.title
      : error instanceof WorkwellUnavailable
        ? 'The service could not be reached. Try again in a moment.'
        : error instanceof Error
          ? error.message
          : String(error);
  const fields = error instanceof WorkwellProblem ? error.errors : [];
  return html`<div class="ww-error-summary" role="alert" tabindex="-1">
    <h2 class="ww-error-summary__title">${heading}</h2>
    <p>${detail}</p>
    ${
      fields.length === 0
        ? nothing
        : html`<ul>
            ${fields.map((field) => html`<li>${field.field}: ${field.message}</li>`)}
          </ul>`
    }
    ${error instanceof WorkwellProblem ? html`<p class="ww-hint">Code ${error.code} (HTTP ${error.status})</p>` : nothing}
  </div>`;
};
