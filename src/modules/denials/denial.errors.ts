import { AppError, invalidInput, notFound, staleVersion } from '../../lib/errors.ts';

/** Every error the denials capability raises, each with its stable GraphQL code. */
export const DenialErrors = {
  notificationNotFound: (id: string) => notFound('denial notification', id),
  applicationNotFound: (id: string) => notFound('license application', id),
  consultationNotFound: (id: string) => notFound('denial consultation', id),
  staleVersion: (expected: number, current: number) => staleVersion('denial notification', expected, current),
  notDenied: (state: string) =>
    new AppError('CONFLICT', `Only a denied application (DENIED or APPEAL_UPHELD) can be notified; this one is ${state}.`, { state }),
  denialNotRecorded: () =>
    new AppError('CONFLICT', 'The application carries no denial reason or decision date; record the denial first.'),
  alreadyNotified: (existingId: string) =>
    new AppError('CONFLICT', `This denial was already notified as denial notification ${existingId}.`, { existingId }),
  alreadyRevoked: () => new AppError('CONFLICT', 'The denial notification is already revoked.'),
  noSuchParty: (position: number) => invalidInput('input.partyPosition', `the application has no party at position ${position}`),
  noEndUser: () => invalidInput('input.partyPosition', 'the application names no END_USER; give the position of the party to notify'),
  noItems: () => invalidInput('input.applicationId', 'the application lists no items, so the denial names no classification'),
  notTheDenyingAgency: () => new AppError('FORBIDDEN', 'Only the denying agency answers a denial consultation.'),
  alreadyAnswered: () => new AppError('CONFLICT', 'The denial consultation was already answered.'),
};
