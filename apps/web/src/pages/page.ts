import type { TemplateResult } from 'lit-html';
import type { Api } from '../api';
import type { Claims, Role } from '../session';

export interface PageContext {
  readonly claims: Claims;
  readonly api: Api;
  /** The route's query (`#/caseload?stage=started`). */
  readonly params: URLSearchParams;
  /** What follows the page's name in the route (`#/participants/<id>`). */
  readonly id: string | undefined;
  /** Goes to another route (a new history entry). */
  go(route: string): void;
  /** Draws the page again from its own state, after a change that needs no new route. */
  update(): void;
}

export interface Page {
  /** The route's first segment. */
  readonly name: string;
  readonly title: string;
  readonly roles: readonly Role[];
  /** Listed in the header's navigation (a participant's page is reached from the caseload). */
  readonly inNavigation: boolean;
  /** Loads what the page shows and returns what draws it; a thrown problem is shown instead. */
  load(context: PageContext): Promise<() => TemplateResult>;
}

/** `#/caseload?stage=started` with the non-empty values of `params`. */
export const routeOf = (name: string, params: Readonly<Record<string, string | number | boolean | undefined | null>> = {}): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return `#/${name}${text ? `?${text}` : ''}`;
};

/** The values of a form as text. */
export const formValues = (form: HTMLFormElement): Record<string, string> => {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value.trim();
  });
  return values;
};
