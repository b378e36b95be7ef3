import type { Journey } from '@workwell/domain';
import { problem, ProblemError } from '../http/problem';
import { siteBound, type Principal } from '@workwell/auth';

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

/**
 * A referral under an id that already has a journey re-refers that participant, so it needs the
 * same reach as any other command on them. Refused with the same answer whichever site holds
 * them, so that it tells nothing about another site's participants but that the id is taken.
 */
export const assertMayRefer = (principal: Principal, participantId: string, journey: Journey): true => {
  const site = journey.episode?.siteId;
  if (site === undefined || (siteBound(principal.role) && principal.site !== site)) {
    throw new ProblemError(
      problem(
        409,
        'PARTICIPANT_ID_TAKEN',
        'Participant id taken',
        `The participant id ${participantId} is already in use. Leave participantId out to have a new one assigned.`,
      ),
    );
  }
  return true;
};
