// The embedded database on a thread of its own (see pglite-thread.ts): a statement that runs for
// seconds occupies this thread, not the hub's event loop. Plain JavaScript with only package
// imports, so that it loads the same under `node bin/interlock.js`, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const port = parentPort;
/** Open transactions by id: PGlite's own transaction, held open until the hub commits or rolls back. */
const transactions = new Map();
const ROLLBACK = Symbol('rollback');

/** An error as plain data: the message and the driver's fields (code, detail, constraint…), no functions. */
function plainError(error) {
  const fields = {};
  for (const [key, value] of Object.entries(error ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, message: error instanceof Error ? error.message : String(error), name: error?.name ?? 'Error' };
}

/** Values of these types come back as PostgreSQL wrote them; the caller's parsers read them (pglite-thread.ts). */
const keepText = (types) => Object.fromEntries((types ?? []).map((oid) => [oid, (value) => value]));

async function openTransaction(pg, id) {
  await new Promise((opened, failed) => {
    const done = pg.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          transactions.set(id, { tx, commit, rollback, done });
          opened();
        }),
    );
    // BEGIN failed before the transaction opened; later failures are the commit's.
    done.catch((error) => (transactions.has(id) ? undefined : failed(error)));
  });
}

async function finishTransaction(id, commit) {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  if (commit) open.commit();
  else open.rollback(ROLLBACK);
  try {
    await open.done;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  } finally {
    transactions.delete(id);
  }
}

async function query(on, request) {
  const { rows, fields, affectedRows } = await on.query(request.text, request.params, {
    rowMode: request.rowMode,
    paramTypes: request.paramTypes,
    parsers: keepText(request.textTypes),
  });
  return { rows, fields, affectedRows };
}

async function exec(on, request) {
  return (await on.exec(request.text)).map(({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows }));
}

async function main() {
  let pg;
  try {
    pg = await PGlite.create({ dataDir: workerData.dataDir, extensions: { pg_trgm } });
  } catch (error) {
    port.postMessage({ type: 'failed', error: plainError(error) });
    return;
  }
  port.on('message', async (request) => {
    const { id, op, tx } = request;
    try {
      let result;
      if (op === 'query' || op === 'exec') {
        const on = tx === undefined ? pg : transactions.get(tx)?.tx;
        if (!on) throw new Error(`no open transaction ${tx}`);
        result = op === 'query' ? await query(on, request) : await exec(on, request);
      } else if (op === 'query-in-transaction') {
        result = await pg.transaction(async (on) => {
          await on.exec(request.opening);
          return query(on, request);
        });
      } else if (op === 'begin') {
        await openTransaction(pg, tx);
        if (request.opening) {
          try {
            await transactions.get(tx).tx.exec(request.opening);
          } catch (error) {
            await finishTransaction(tx, false);
            throw error;
          }
        }
      } else if (op === 'commit' || op === 'rollback') {
        await finishTransaction(tx, op === 'commit');
      } else if (op === 'close') {
        await pg.close();
      } else {
        throw new Error(`unknown operation ${op}`);
      }
      port.postMessage({ type: 'result', id, result });
    } catch (error) {
      port.postMessage({ type: 'error', id, error: plainError(error) });
    }
  });
  port.postMessage({ type: 'ready' });
}

await main();
