import type { Role } from '../session';
import { Session } from '../session';
import { caseloadPage } from './caseload.page';
import { curvesPage } from './curves.page';
import { extractsPage } from './extracts.page';
import { findingsPage } from './findings.page';
import type { Page } from './page';
import { participantPage } from './participant.page';
import { reportPage } from './report.page';
import { signInPage as signIn } from './sign-in.page';
import { tracePage } from './trace.page';

/** Every page, with the roles that see it: the same roles the API lets call what the page reads. */
export const PAGES: readonly Page[] = [caseloadPage, participantPage, reportPage, curvesPage, extractsPage, tracePage, findingsPage];

const LANDING: Readonly<Record<Role, string>> = {
  coach: '#/caseload',
  manager: '#/caseload',
  evaluator: '#/report',
  auditor: '#/findings',
  admin: '#/report',
};

export const landingPageOf = (role: Role): string => LANDING[role];

export const signInPage = signIn((token) => new Session().signIn(token).role, landingPageOf);
