import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../lib/errors.ts';
import type { Database, Transaction } from './client.ts';
import { idempotencyKeys } from './schema/index.ts';

export interface IdempotentRequest {
  /** `<agency>:<operation>`: keys are only unique within one caller's operation. */
  scope: string;
  key: string | null | undefined;
  /** The request as submitted; a key reused with a different request is refused. */
  request: unknown;
}

/**
 * Runs `create` in one transaction, at most once per idempotency key: a retry with the same
 * key and request gets the id the first run made, even when both arrive at the same time.
 */
export async function createOnce(
  db: Database,
  { scope, key, request }: IdempotentRequest,
  create: (tx: Transaction) => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  if (!key) return { id: await db.transaction(create), replayed: false };
  if (key.length > 200) throw new AppError('BAD_USER_INPUT', 'input.idempotencyKey: must be at most 200 characters', { field: 'input.idempotencyKey' });
  const requestHash = hashRequest(request);
  const replay = async () => {
    const [previous] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!previous) return undefined;
    if (previous.requestHash !== requestHash) {
      throw new AppError('CONFLICT', 'This idempotency key was already used for a different request.', {
        field: 'input.idempotencyKey',
      });
    }
    return { id: previous.resultId, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const id = await db.transaction(async (tx) => {
      const resultId = await create(tx);
      await tx.insert(idempotencyKeys).values({ scope, key, requestHash, resultId });
      return resultId;
    });
    return { id, replayed: false };
  } catch (error) {
    // A concurrent twin may have committed first. Ours then failed on the key itself (a unique
    // violation) or on a rule the twin's record now breaks (say, a duplicate code); either way
    // our transaction rolled back whole, and the twin's result is the answer to this retry.
    const winner = await replay();
    if (winner) return winner;
    throw error;
  }
}

function hashRequest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** JSON with object keys sorted, so that field order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
