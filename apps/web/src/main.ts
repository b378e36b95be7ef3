import { html, nothing, render, type TemplateResult } from 'lit-html';
import { WorkwellProblem } from '@workwell/client';
import { Api } from './api';
import { type Page, type PageContext } from './pages/page';
import { PAGES, landingPageOf, signInPage } from './pages/pages';
import { Session } from './session';
import { problemView } from './view/problem.view';

const root = document.getElementById('app')!;
const session = new Session();
let notice: string | undefined;
let drawn = 0;

const api = new Api(session, (problem: WorkwellProblem) => {
  session.signOut();
  notice = `You have been signed out: ${problem.detail || 'the API did not accept your token.'}`;
  location.hash = '#/sign-in';
});

interface Route {
  readonly name: string;
  readonly id: string | undefined;
  readonly params: URLSearchParams;
}

const currentRoute = (): Route => {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  return { name, id: rest.length > 0 ? decodeURIComponent(rest.join('/')) : undefined, params: new URLSearchParams(query ?? '') };
};

const header = (pages: readonly Page[], active: string) => {
  const claims = session.claims;
  const signOut = () => {
    session.signOut();
    notice = 'You have signed out.';
    location.hash = '#/sign-in';
  };
  return html`<a class="ww-skip-link" href="#main-content" @click=${skipToMain}>Skip to main content</a>
    <header class="ww-header">
      <div class="ww-width ww-header__bar">
        <a class="ww-header__service" href=${claims ? landingPageOf(claims.role) : '#/sign-in'}>WorkWell</a>
        ${
          claims
            ? html`<p class="ww-header__who">
                Signed in as <strong>${claims.sub}</strong> (${claims.role}${claims.site ? html`, ${claims.site}` : nothing})
                <button type="button" class="ww-button ww-button--reverse" @click=${signOut}>Sign out</button>
              </p>`
            : nothing
        }
      </div>
      ${
        pages.length === 0
          ? nothing
          : html`<nav class="ww-nav" aria-label="Pages">
              <ul class="ww-width">
                ${pages.map(
                  (page) =>
                    html`<li><a href="#/${page.name}" aria-current=${page.name === active ? 'page' : 'false'}>${page.title}</a></li>`,
                )}
              </ul>
            </nav>`
      }
    </header>`;
};

const skipToMain = (event: Event) => {
  event.preventDefault();
  document.getElementById('main-content')?.focus();
};

const frame = (pages: readonly Page[], active: string, content: TemplateResult) =>
  render(
    html`${header(pages, active)}
      <main id="main-content" class="ww-width ww-main" tabindex="-1">
        ${notice ? html`<div class="ww-inset" role="status">${notice}</div>` : nothing} ${content}
      </main>
      <footer class="ww-footer"><div class="ww-width">WorkWell Journey Engine · every read of personal data is recorded</div></footer>`,
    root,
  );

/** A page opened afresh gets the focus on its heading, so that a screen reader starts there. */
const focusHeading = () => (document.querySelector('main h1') as HTMLElement | null)?.focus();

const show = async () => {
  const route = currentRoute();
  const claims = session.claims;
  const visit = ++drawn;
  // Whatever was drawn before is no longer what the page shows: waiters wait for this visit's drawing.
  delete document.getElementById('main-content')?.dataset.drawn;
  if (!claims || route.name === 'sign-in' || route.name === '') {
    if (claims && route.name !== 'sign-in') return void (location.hash = landingPageOf(claims.role));
    return draw(signInPage, route, [], () => visit === drawn);
  }
  const allowed = PAGES.filter((page) => page.roles.includes(claims.role));
  const page = allowed.find((candidate) => candidate.name === route.name);
  document.title = `${page?.title ?? 'Not available'} – WorkWell`;
  if (!page) {
    frame(
      allowed.filter((p) => p.inNavigation),
      '',
      html`<h1 tabindex="-1">This page is not available</h1>
        <p>There is no such page for a ${claims.role}. <a href=${landingPageOf(claims.role)}>Go to your first page</a>.</p>`,
    );
    focusHeading();
    return markDrawn();
  }
  return draw(page, route, allowed, () => visit === drawn);
};

const draw = async (page: Page, route: Route, allowed: readonly Page[], stillCurrent: () => boolean) => {
  const navigation = allowed.filter((p) => p.inNavigation);
  document.title = `${page.title} – WorkWell`;
  frame(
    navigation,
    page.name,
    html`<h1 tabindex="-1">${page.title}</h1>
      <p class="ww-loading" role="status">Loading…</p>`,
  );
  let view: (() => TemplateResult) | undefined;
  const context: PageContext = {
    claims: session.claims ?? { sub: '', role: 'coach', exp: 0 },
    api,
    params: route.params,
    id: route.id,
    go: (next) => (location.hash = next),
    update: () => view && frame(navigation, page.name, view()),
  };
  try {
    view = await page.load(context);
    if (!stillCurrent()) return;
    frame(navigation, page.name, view());
  } catch (error) {
    // A refused token has signed the user out and sent them to sign in, with the notice to show there.
    if (!stillCurrent() || session.token === undefined) return;
    frame(
      navigation,
      page.name,
      html`<h1 tabindex="-1">${page.title}</h1>
        ${problemView(error)}`,
    );
  }
  notice = undefined;
  focusHeading();
  markDrawn();
};

/** Says which route the page shows now, once its data is drawn (tests and scripts wait for it). */
const markDrawn = () => {
  const main = document.getElementById('main-content');
  if (main) main.dataset.drawn = location.hash || '#/';
};

window.addEventListener('hashchange', () => void show());
void show();
