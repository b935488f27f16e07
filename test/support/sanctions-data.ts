import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real published lists (../shared/data/sanctions next to the repository, never copied
 * into it). INTERLOCK_SANCTIONS_DATA names another place, for a checkout that does not sit
 * next to ../shared (a git worktree elsewhere). Tests that need the files skip when absent.
 */
export const SANCTIONS_DATA =
  process.env.INTERLOCK_SANCTIONS_DATA ?? fileURLToPath(new URL('../../../shared/data/sanctions/', import.meta.url));

export const haveSanctionsData = existsSync(SANCTIONS_DATA);

export const sanctionsFile = (relative: string) => path.join(SANCTIONS_DATA, relative);

export const SKIPPED_WITHOUT_DATA = haveSanctionsData ? '' : ` (skipped: ${SANCTIONS_DATA} is not there; set INTERLOCK_SANCTIONS_DATA)`;
