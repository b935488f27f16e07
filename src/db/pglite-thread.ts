import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results, Row } from '@electric-sql/pglite';

/**
 * The embedded database (PGlite) on a worker thread of its own, with the part of PGlite's
 * client interface drizzle uses (`query`, `exec`, `transaction`). PGlite executes a statement
 * synchronously on the thread that holds it: on the hub's thread, one agency's 1,000-party
 * screening held every other request for seconds. Here statements run on the database's
 * thread while the hub keeps answering; PGlite still runs one statement at a time, in the
 * order asked (its own locks, in the worker), and a transaction holds the database until it
 * ends, as on a single PostgreSQL connection.
 *
 * Values cross the thread as structured clones. The type parsers a caller passes (drizzle keeps
 * dates, timestamps and intervals as text) cannot cross: the worker returns those types as
 * PostgreSQL wrote them and the parsers are applied here, so results are what PGlite gives.
 */
export class PGliteThread {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextCall = 0;
  private nextTransaction = 0;
  private failure: Error | undefined;
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerAnswer) => {
      if (message.type !== 'result' && message.type !== 'error') return;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      this.refWhileBusy();
      if (message.type === 'result') call.resolve(message.result);
      else call.reject(databaseError(message.error));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database thread exited (code ${code})`)));
  }

  /** Starts the thread and opens the database in `dataDir` (in memory when undefined). */
  static async open(dataDir: string | undefined): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerAnswer) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'failed') reject(databaseError(message.error));
        if (message.type === 'ready' || message.type === 'failed') worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the embedded database thread exited while opening (code ${code})`)));
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    const thread = new PGliteThread(worker);
    thread.refWhileBusy();
    return thread;
  }

  query<T = Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery<T>(undefined, text, params, options);
  }

  /**
   * `text` in a transaction of its own that first runs `opening` (a caller's role and settings),
   * in one call to the database thread rather than four (begin, opening, statement, commit).
   */
  queryInTransaction<T = Row>(opening: string, text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery<T>(undefined, text, params, options, opening);
  }

  exec(text: string): Promise<Results[]> {
    return this.call({ op: 'exec', text }) as Promise<Results[]>;
  }

  /**
   * Runs `callback` in a transaction: committed when it returns, rolled back when it throws.
   * `opening` (a caller's role and settings) runs first, in the same call to the thread as BEGIN.
   */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>, opening?: string): Promise<T> {
    const id = ++this.nextTransaction;
    await this.call({ op: 'begin', tx: id, opening });
    let closed = false;
    const tx: ThreadTransaction = {
      query: <R = Row>(text: string, params?: unknown[], options?: QueryOptions) => this.runQuery<R>(id, text, params, options),
      exec: (text: string) => this.call({ op: 'exec', tx: id, text }) as Promise<Results[]>,
      rollback: async () => {
        closed = true;
        await this.call({ op: 'rollback', tx: id });
      },
      get closed() {
        return closed;
      },
    };
    try {
      const result = await callback(tx);
      if (!closed) {
        closed = true;
        await this.call({ op: 'commit', tx: id });
      }
      return result;
    } catch (error) {
      if (!closed) {
        closed = true;
        // A rollback that fails leaves nothing to undo: the thread is gone.
        await this.call({ op: 'rollback', tx: id }).catch(() => undefined);
      }
      throw error;
    }
  }

  /** Waits for statements in flight, closes the database (its files consistent) and ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.failure) await this.call({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }

  private async runQuery<T>(tx: number | undefined, text: string, params: unknown[] = [], options: QueryOptions = {}, opening?: string): Promise<Results<T>> {
    const { rowMode, paramTypes, parsers, ...rest } = options;
    const unsupported = Object.keys(rest).filter((key) => rest[key as keyof typeof rest] !== undefined);
    if (unsupported.length > 0) throw new Error(`query options ${unsupported.join(', ')} do not cross to the database thread`);
    const textTypes = parsers ? Object.keys(parsers).map(Number) : [];
    const request = { tx, text, params, rowMode, paramTypes, textTypes };
    const result = (await this.call(opening === undefined ? { op: 'query', ...request } : { op: 'query-in-transaction', opening, ...request })) as Results<T>;
    if (parsers && textTypes.length > 0) applyParsers(result, parsers, rowMode === 'array');
    return result;
  }

  private call(request: Record<string, unknown>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = ++this.nextCall;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.refWhileBusy();
      this.worker.postMessage({ ...request, id });
    });
  }

  /** The thread keeps the process alive only while a statement is awaited, as PGlite on the main thread did. */
  private refWhileBusy() {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private fail(error: Error) {
    if (this.closed) return;
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

export interface ThreadTransaction {
  query<T = Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

type WorkerAnswer =
  | { type: 'ready' }
  | { type: 'failed'; error: PlainError }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: PlainError };

type PlainError = { message: string; name: string } & Record<string, string | number | boolean | null>;

/** The database's error with its fields (`code` = SQLSTATE, `constraint`, `detail`…), as PGlite raised it. */
function databaseError({ message, ...fields }: PlainError): Error {
  const error = new Error(message);
  Object.assign(error, fields);
  return error;
}

function applyParsers(result: Results<unknown>, parsers: NonNullable<QueryOptions['parsers']>, arrayRows: boolean) {
  result.fields.forEach((field, column) => {
    const parse = parsers[field.dataTypeID];
    if (!parse) return;
    const key = arrayRows ? column : field.name;
    for (const row of result.rows as Record<string | number, unknown>[]) {
      const value = row[key];
      if (value !== null && value !== undefined) row[key] = parse(value as string);
    }
  });
}
