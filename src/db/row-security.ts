import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * The role requests run as (migration 0017): it neither owns the tables nor bypasses row-level
 * security, so the policies hold even where a query forgets its filter. The hub's login (the
 * owner) keeps its rights for migrations, the CLI and the hub's own work.
 */
export const REQUEST_ROLE = 'interlock_app';

/** What the policies read for one caller: its agency, and its grants as JSON (src/policy/row-security.ts). */
export interface CallerSettings {
  readonly agency: string;
  readonly grants: string;
}

/**
 * One request's slot. Empty while identity and policy are evaluated (they read agreements as
 * the hub); once the caller is known, every statement of the request runs as REQUEST_ROLE with
 * its settings. A request without a token gets settings that own and are granted nothing.
 */
export interface RequestScope {
  caller: CallerSettings | null;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (and everything it starts) in `scope`. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/**
 * Runs `work` (and everything it starts) as the hub's own work, outside any request's scope: for
 * what the hub does for all requests at once (appending a round of audit entries), which must
 * not run with the rights of whichever request happened to start it.
 */
export function outsideRequestScope<T>(work: () => T): T {
  return scopes.exit(work);
}

/** The caller whose rights the current statement runs with; null for the hub's own work. */
export function currentCaller(): CallerSettings | null {
  return scopes.getStore()?.caller ?? null;
}

/**
 * What opens a caller's transaction: role and settings, all transaction-local (SET LOCAL), so a
 * pooled connection never carries them into another transaction. SET takes no snapshot, so a
 * transaction may still choose its isolation level or import a snapshot after it (screening
 * does). One message of three statements, without parameters: the values are quoted here.
 */
export function callerStatement(caller: CallerSettings): string {
  let statement = statements.get(caller);
  if (statement === undefined) {
    statement = `SET LOCAL ROLE ${REQUEST_ROLE}; SET LOCAL interlock.agency = ${literal(caller.agency)}; SET LOCAL interlock.grants = ${literal(caller.grants)}`;
    statements.set(caller, statement);
  }
  return statement;
}
const statements = new WeakMap<CallerSettings, string>();
/** A string constant (standard_conforming_strings, on since PostgreSQL 9.1: only quotes are special). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Runs `work` inside a caller's transaction `tx` with the hub's own rights, then returns to
 * the caller's. Only for effects the hub makes on another agency's records on the caller's
 * behalf, which the caller's rights rightly refuse (an adverse end-use outcome flags the
 * requester's party and escalates its license). Outside a request it simply runs `work`.
 */
export async function withHubRights<T>(tx: Executor, work: () => Promise<T>): Promise<T> {
  if (currentCaller() === null) return work();
  await tx.execute(sql`select set_config('role', 'none', true)`);
  const result = await work();
  await tx.execute(sql`select set_config('role', ${REQUEST_ROLE}, true)`);
  return result;
}
