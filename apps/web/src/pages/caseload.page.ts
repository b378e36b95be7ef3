import { html, nothing } from 'lit-html';
import type { Caseload, CaseloadItem } from '@workwell/client';
import { codeLabel, dateText, numberText, plural } from '../view/format';
import { formValues, type Page, routeOf } from './page';

const STAGES = ['awaiting-triage', 'not-accepted', 'accepted', 'assessed', 'started', 'discharged'] as const;
const PAGE_SIZE = 25;

const overdueText = (item: CaseloadItem['overdue'][number]): string =>
  `${item.checkpoint ? `${codeLabel(item.checkpoint)} outcome` : codeLabel(item.kind)}, ${plural(item.daysOverdue, 'day')} overdue`;

const nameOf = (item: CaseloadItem) =>
  item.name === null ? 'No name recorded' : typeof item.name === 'string' ? item.name : 'Personal details erased';

/** Overdue first: what the API's due-date order already gives, kept when a page mixes in undated rows. */
const overdueFirst = (items: readonly CaseloadItem[]): CaseloadItem[] =>
  [...items].sort((a, b) => Number(b.overdue.length > 0) - Number(a.overdue.length > 0));

const row = (item: CaseloadItem) =>
  html`<tr class=${item.overdue.length > 0 ? 'ww-row--overdue' : ''}>
    <th scope="row"><a href="#/participants/${item.participantId}">${nameOf(item)}</a></th>
    <td>${codeLabel(item.stage)}</td>
    <td>${item.nextAction ? codeLabel(item.nextAction.replace(':', ' ')) : '–'}</td>
    <td>
      ${dateText(item.nextDueOn)}
      ${item.overdue.map((overdue) => html`<strong class="ww-tag ww-tag--red">${overdueText(overdue)}</strong>`)}
    </td>
    <td class="ww-num">${item.daysSinceReferral ?? '–'}</td>
    <td class="ww-num">${item.sessionsHeld}</td>
    <td>${item.coachId ?? '–'}</td>
  </tr>`;

export const caseloadPage: Page = {
  name: 'caseload',
  title: 'Caseload',
  roles: ['coach', 'manager', 'admin'],
  inNavigation: true,
  load: async ({ api, params, claims, go }) => {
    const filter = {
      stage: params.get('stage') ?? '',
      overdue: params.get('overdue') ?? '',
      coachId: params.get('coachId') ?? '',
      siteId: params.get('siteId') ?? '',
      page: Math.max(1, Number(params.get('page') ?? 1) || 1),
    };
    const national = claims.site === undefined;
    const caseload =
      national && !filter.siteId
        ? undefined
        : await api.get<Caseload>(
            '/caseload',
            {
              stage: filter.stage || undefined,
              overdue: filter.overdue || undefined,
              coachId: filter.coachId || undefined,
              siteId: national ? filter.siteId : undefined,
              page: filter.page,
              pageSize: PAGE_SIZE,
            },
            'caseload management',
          );
    const submit = (event: Event) => {
      event.preventDefault();
      go(routeOf('caseload', { ...formValues(event.target as HTMLFormElement), page: 1 }));
    };
    const pageLink = (page: number, text: string) => html`<a href=${routeOf('caseload', { ...filter, page })}>${text}</a>`;
    const first = caseload ? (caseload.page - 1) * caseload.pageSize + 1 : 0;
    return () =>
      html`<h1 tabindex="-1">Caseload</h1>
        <p class="ww-lede">
          ${
            caseload
              ? html`Open participants of site <strong>${caseload.siteId}</strong>, what is overdue first. First contact is due within 2
                  working days of referral, a signed plan within 20 working days, then the 12, 26 and 52 week outcomes.`
              : 'Choose a site to see its caseload.'
          }
        </p>
        <form class="ww-form ww-filters" @submit=${submit}>
          ${
            national
              ? html`<div class="ww-form-group">
                  <label class="ww-label" for="siteId">Site</label>
                  <input class="ww-input" id="siteId" name="siteId" .value=${filter.siteId} required />
                </div>`
              : nothing
          }
          <div class="ww-form-group">
            <label class="ww-label" for="stage">Stage</label>
            <select class="ww-select" id="stage" name="stage">
              <option value="" ?selected=${filter.stage === ''}>Any stage</option>
              ${STAGES.map((stage) => html`<option value=${stage} ?selected=${filter.stage === stage}>${codeLabel(stage)}</option>`)}
            </select>
          </div>
          <div class="ww-form-group">
            <label class="ww-label" for="overdue">Overdue</label>
            <select class="ww-select" id="overdue" name="overdue">
              <option value="" ?selected=${filter.overdue === ''}>Overdue or not</option>
              <option value="true" ?selected=${filter.overdue === 'true'}>Only overdue</option>
              <option value="false" ?selected=${filter.overdue === 'false'}>Nothing overdue</option>
            </select>
          </div>
          <div class="ww-form-group">
            <label class="ww-label" for="coachId">Coach</label>
            <input
              class="ww-input"
              id="coachId"
              name="coachId"
              .value=${filter.coachId}
              placeholder="All coaches"
              aria-describedby="coach-hint"
            />
            <p class="ww-hint" id="coach-hint">A coach's user ID; yours is ${claims.sub}.</p>
          </div>
          <button class="ww-button" type="submit">Show</button>
        </form>
        ${
          caseload
            ? html`<table class="ww-table">
                  <caption>
                    ${
                      caseload.total === 0
                        ? 'No open participant matches.'
                        : `Participants ${numberText(first)} to ${numberText(first + caseload.items.length - 1)} of ${numberText(caseload.total)}`
                    }
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Participant</th>
                      <th scope="col">Stage</th>
                      <th scope="col">Next action</th>
                      <th scope="col">Next due</th>
                      <th scope="col" class="ww-num">Days since referral</th>
                      <th scope="col" class="ww-num">Sessions</th>
                      <th scope="col">Coach</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${overdueFirst(caseload.items).map(row)}
                  </tbody>
                </table>
                <nav class="ww-pagination" aria-label="Caseload pages">
                  ${caseload.page > 1 ? pageLink(caseload.page - 1, 'Previous page') : nothing}
                  <span>Page ${caseload.page} of ${Math.max(1, Math.ceil(caseload.total / caseload.pageSize))}</span>
                  ${caseload.page * caseload.pageSize < caseload.total ? pageLink(caseload.page + 1, 'Next page') : nothing}
                </nav>`
            : nothing
        }`;
  },
};
