import type { Journey } from '@workwell/domain';
import { problem, ProblemError } from '../http/problem';
import { siteBound, type Principal } from '../auth/principal';

export const participantNotFound = (participantId: string): ProblemError =>
  new ProblemError(problem(404, 'PARTICIPANT_NOT_FOUND', 'Not found', `There is no participant ${participantId} that you can see.`));

/**
 * Coaches and managers reach only their own site's participants. Another site's participant
 * answers exactly like a missing one, so that ids cannot be probed across sites.
 */
export const assertMayReach = (principal: Principal, participantId: string, journey: Journey): void => {
  const site = journey.episode?.siteId;
  if (journey.version === 0 || site === undefined) throw participantNotFound(participantId);
  if (siteBound(principal.role) && principal.site !== site) throw participantNotFound(participantId);
};

export const siteOfJourney = (journey: Journey): string | undefined => journey.episode?.siteId;
