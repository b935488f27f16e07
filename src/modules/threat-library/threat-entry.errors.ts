import { invalidInput, notFound, staleVersion } from '../../lib/errors.ts';

/** Every error the threat-library capability raises, each with its stable GraphQL code. */
export const ThreatEntryErrors = {
  notFound: (id: string) => notFound('threat entry', id),
  staleVersion: (expected: number, current: number) => staleVersion('threat entry', expected, current),
  emptySearch: () => invalidInput('filter.text', 'must contain a letter or digit'),
  notAControlListEntryId: () => invalidInput('filter.controlListEntryId', 'is not a control-list entry id'),
};
