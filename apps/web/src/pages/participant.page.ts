import { html, nothing } from 'lit-html';
import type { FollowUp, ParticipantSummary, Timeline, TimelineEntry } from '@workwell/client';
import { codeLabel, dateText, dateTimeText, nameLabel, valueText } from '../view/format';
import { formValues, type Page, routeOf } from './page';

/** Why the reader looks: sent as X-Purpose and kept in the access log with the read. */
const PURPOSES = ['direct care', 'case review', 'safeguarding', 'supervision'] as const;

const detailsOf = (summary: ParticipantSummary) => {
  const details = summary.personalDetails;
  if (details === null) return { name: 'No name recorded', rows: [] as [string, string][] };
  if ('erased' in details) return { name: 'Personal details erased', rows: [] as [string, string][] };
  return {
    name: details.name,
    rows: Object.entries(details)
      .filter(([key]) => key !== 'name')
      .map(([key, value]) => [nameLabel(key), valueText(value)] as [string, string]),
  };
};

const statusTag = (followUp: FollowUp) => {
  const colour = followUp.status === 'overdue' ? 'red' : followUp.status === 'met' || followUp.status === 'recorded' ? 'green' : 'grey';
  return html`<strong class="ww-tag ww-tag--${colour}">${codeLabel(followUp.status)}</strong>`;
};

const summaryList = (rows: readonly [string, unknown][]) =>
  html`<dl class="ww-summary-list">
    ${rows.map(
      ([key, value]) =>
        html`<div>
          <dt>${key}</dt>
          <dd>${value}</dd>
        </div>`,
    )}
  </dl>`;

const timelineEntry = (entry: TimelineEntry) => {
  const late = Math.abs(Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt)) > 86_400_000;
  const { occurredAt: _occurredAt, ...data } = entry.data;
  return html`<li class="ww-timeline__item">
    <h3>${nameLabel(entry.type)} ${entry.retracted ? html`<strong class="ww-tag ww-tag--grey">Corrected later</strong>` : nothing}</h3>
    <p class="ww-timeline__when">
      ${dateTimeText(entry.occurredAt)}${late ? html`, recorded ${dateTimeText(entry.recordedAt)}` : nothing} by ${entry.recordedBy.userId}
      (${entry.recordedBy.role})
    </p>
    ${
      Object.keys(data).length === 0
        ? nothing
        : html`<details>
            <summary>What was recorded</summary>
            ${summaryList(Object.entries(data).map(([key, value]) => [nameLabel(key), valueText(value)]))}
          </details>`
    }
  </li>`;
};

export const participantPage: Page = {
  name: 'participants',
  title: 'Participant',
  roles: ['coach', 'manager', 'admin'],
  inNavigation: false,
  load: async ({ api, id, params, go }) => {
    if (!id) throw new Error('Open a participant from the caseload.');
    const purpose = PURPOSES.find((p) => p === params.get('purpose')) ?? 'direct care';
    const path = `/participants/${encodeURIComponent(id)}`;
    const [summary, timeline] = await Promise.all([
      api.get<ParticipantSummary>(path, {}, purpose),
      api.get<Timeline>(`${path}/timeline`, {}, purpose),
    ]);
    const { name, rows } = detailsOf(summary);
    const changePurpose = (event: Event) => {
      event.preventDefault();
      go(routeOf(`participants/${encodeURIComponent(id)}`, formValues(event.target as HTMLFormElement)));
    };
    return () =>
      html`<p><a href="#/caseload" class="ww-back-link">Back to the caseload</a></p>
        <h1 tabindex="-1">${name}</h1>
        <form class="ww-form ww-filters" @submit=${changePurpose}>
          <div class="ww-form-group">
            <label class="ww-label" for="purpose">Why you are reading this record</label>
            <select class="ww-select" id="purpose" name="purpose" aria-describedby="purpose-hint">
              ${PURPOSES.map((p) => html`<option value=${p} ?selected=${p === purpose}>${codeLabel(p)}</option>`)}
            </select>
            <p class="ww-hint" id="purpose-hint">Each read is recorded with its purpose; this one as “${purpose}”.</p>
          </div>
          <button class="ww-button ww-button--secondary" type="submit">Change purpose</button>
        </form>
        <div class="ww-columns">
          <section class="ww-card" aria-labelledby="journey-heading">
            <h2 id="journey-heading">Journey</h2>
            ${summaryList([
              ['Stage', codeLabel(summary.stage)],
              ['Next action', summary.nextAction ? codeLabel(summary.nextAction.replace(':', ' ')) : '–'],
              ['Next due', dateText(summary.nextDueOn)],
              ['Referred', `${dateText(summary.referredAt)} (${summary.daysSinceReferral ?? '–'} days ago)`],
              ['Coach', summary.coachId ?? '–'],
              ['Site', summary.siteId ?? '–'],
              ['Coaching sessions', String(summary.sessionsHeld)],
            ])}
          </section>
          <section class="ww-card" aria-labelledby="details-heading">
            <h2 id="details-heading">Personal details</h2>
            ${rows.length === 0 ? html`<p>${name}</p>` : summaryList(rows)}
          </section>
        </div>
        <table class="ww-table">
          <caption>
            Follow-ups
          </caption>
          <thead>
            <tr>
              <th scope="col">Follow-up</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col" class="ww-num">Days overdue</th>
            </tr>
          </thead>
          <tbody>
            ${summary.followUps.map(
              (f) =>
                html`<tr>
                  <th scope="row">${f.checkpoint ? `${codeLabel(f.checkpoint)} outcome` : codeLabel(f.kind)}</th>
                  <td>${dateText(f.dueOn)}</td>
                  <td>
                    ${statusTag(f)}${f.lostToFollowUp ? html` <strong class="ww-tag ww-tag--grey">Lost to follow-up</strong>` : nothing}
                  </td>
                  <td class="ww-num">${f.daysOverdue}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <table class="ww-table">
          <caption>
            Consents
          </caption>
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Now</th>
              <th scope="col">Since</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            ${Object.entries(summary.consents).map(
              ([scope, consent]) =>
                html`<tr>
                  <th scope="row">${codeLabel(scope)}</th>
                  <td>${consent.given ? 'Given' : 'Withdrawn'}</td>
                  <td>${dateText(consent.since)}</td>
                  <td>${dateText(consent.expiresAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <p class="ww-hint">${timeline.events.length} recorded events, up to version ${timeline.version}.</p>
          <ol class="ww-timeline">
            ${timeline.events.map(timelineEntry)}
          </ol>
        </section>`;
  },
};
