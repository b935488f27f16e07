import { AppError, notFound, staleVersion } from '../../lib/errors.ts';

/** Every error the designation capability raises, each with its stable GraphQL code. */
export const DesignationErrors = {
  notFound: (id: string) => notFound('designation', id),
  staleVersion: (expected: number, current: number) => staleVersion('designation', expected, current),
  alreadyDelisted: () =>
    new AppError('CONFLICT', 'The designation is delisted; a delisted designation cannot be changed.', {
      currentStatus: 'DELISTED',
    }),
  emptySearch: () =>
    new AppError('BAD_USER_INPUT', 'filter.text: must contain at least one letter or digit', { field: 'filter.text' }),
};
