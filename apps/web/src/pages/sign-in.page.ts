import { html } from 'lit-html';
import { SignInError, type Role } from '../session';
import { problemView } from '../view/problem.view';
import type { Page } from './page';

/**
 * Development sign-in: paste a bearer token. In production an identity provider issues it (see
 * the README, "Web pages"): the pages only keep it for the tab and send it with every call.
 */
export const signInPage = (signIn: (token: string) => Role, landing: (role: Role) => string): Page => ({
  name: 'sign-in',
  title: 'Sign in',
  roles: [],
  inNavigation: false,
  load: async (context) => {
    let error: unknown;
    const submit = (event: Event) => {
      event.preventDefault();
      const token = ((event.target as HTMLFormElement).elements.namedItem('token') as HTMLTextAreaElement).value;
      try {
        context.go(landing(signIn(token)));
      } catch (failure) {
        error = failure instanceof SignInError ? failure : new SignInError(String(failure));
        context.update();
        (document.querySelector('.ww-error-summary') as HTMLElement | null)?.focus();
      }
    };
    return () =>
      html`<h1 tabindex="-1">Sign in</h1>
        ${problemView(error)}
        <form class="ww-form" @submit=${submit} novalidate>
          <div class="ww-form-group">
            <label class="ww-label" for="token">Bearer token</label>
            <p class="ww-hint" id="token-hint">
              In development, make one with <code>npx workwell token --role coach --site leeds --sub coach-1</code> and paste it here. It is
              kept in this browser tab only, until you sign out or close the tab.
            </p>
            <textarea
              class="ww-textarea"
              id="token"
              name="token"
              rows="5"
              aria-describedby="token-hint"
              autocomplete="off"
              spellcheck="false"
              required
            ></textarea>
          </div>
          <button class="ww-button" type="submit">Sign in</button>
        </form>`;
  },
});
