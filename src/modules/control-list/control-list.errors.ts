import { AppError, notFound, staleVersion } from '../../lib/errors.ts';

/** Every error the control-list capability raises, each with its stable GraphQL code. */
export const ControlListErrors = {
  notFound: (id: string) => notFound('control-list entry', id),
  staleVersion: (expected: number, current: number) => staleVersion('control-list entry', expected, current),
  duplicateCode: () =>
    new AppError(
      'CONFLICT',
      'input.classificationCode: the owning agency already has a control-list entry with this classification code',
      { field: 'input.classificationCode' },
    ),
  emptySearch: () =>
    new AppError('BAD_USER_INPUT', 'filter.text: must contain a letter or digit', { field: 'filter.text' }),
};
