import { invalidInput } from '../../lib/errors.ts';
import { MAX_CHANGES_PAGE } from './changes-cursor.ts';

/** Every error the change feed raises, each with its stable GraphQL code. */
export const ChangesErrors = {
  // One answer for a tampered cursor, another agency's, another type list's or another hub's:
  // which one it was would tell the caller something about a cursor it should not hold.
  badCursor: () => invalidInput('after', 'not a cursor of this feed for your agency and these types; pass the cursor of a previous answer'),
  badPageSize: () => invalidInput('first', `must be between 0 and ${MAX_CHANGES_PAGE}`),
  emptyTypes: () => invalidInput('types', 'name at least one record type, or leave it out for all'),
};
