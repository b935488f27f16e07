import type { Role } from '../../auth/caller.ts';
import { AppError, invalidInput, notFound, staleVersion } from '../../lib/errors.ts';

/** Every error the end-use-check capability raises, each with its stable GraphQL code. */
export const EndUseCheckErrors = {
  notFound: (id: string) => notFound('end-use check', id),
  unverifiedPartyNotFound: (id: string) => notFound('unverified party', id),
  applicationNotFound: (id: string) => notFound('license application', id),
  staleVersion: (expected: number, current: number) => staleVersion('end-use check', expected, current),
  notAnApplicationId: () => invalidInput('applicationId', 'is not a license application id'),
  noSuchParty: (position: number) => invalidInput('input.partyPosition', `the application has no party at position ${position}`),
  unknownPerformingAgency: (id: string) => invalidInput('input.performingAgencyId', `no agency with id ${JSON.stringify(id)}`),
  /** The caller can see the application (an agreement shares it) but it is another agency's. */
  notYourApplication: () =>
    new AppError('FORBIDDEN', 'Only the agency that owns the license application can request an end-use check on it.'),
  notPerformingAgency: () =>
    new AppError('FORBIDDEN', 'Only the agency asked to perform the end-use check can record its outcome.'),
  outcomeRoleMissing: (roles: readonly Role[]) =>
    new AppError('FORBIDDEN', `Recording an end-use outcome needs one of the roles ${roles.join(', ')}.`),
  alreadyCompleted: (id: string) =>
    new AppError('CONFLICT', 'The end-use check is already completed: its outcome is recorded once.', { id }),
};
