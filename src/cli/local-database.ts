import type { Config } from '../config/env.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { acquireDataDirLock, controlSocketPath, readDataDirLock, DataDirBusyError } from '../db/data-dir-lock.ts';
import { sendControlRequest, type ControlMessage } from '../app/control-channel.ts';
import { executeDataCommand } from './data-commands.ts';
import { upgradeDatabase } from './upgrade.ts';

export interface OpenedDatabase {
  database: DatabaseHandle;
  /** The hub's control socket, when this process serves the embedded database. */
  controlSocket?: string;
  close(): Promise<void>;
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * one under the data directory, locked for this process (`role` says who holds it).
 */
export async function openConfiguredDatabase(config: Config, role: string, serveControl = false): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
    return { database, close: () => database.close() };
  }
  const controlSocket = serveControl ? controlSocketPath(config.dataDir) : undefined;
  const lock = await acquireDataDirLock(config.dataDir, role, controlSocket);
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    return {
      database,
      ...(controlSocket ? { controlSocket } : {}),
      close: async () => {
        await database.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Runs a data command against the configured database. On the embedded database with a hub
 * running, the hub carries it out (it alone may open the files); otherwise this process does.
 */
export async function runDataCommand(
  config: Config,
  command: string,
  args: Record<string, unknown>,
  onProgress: (done: number, total: number, label?: string) => void,
  signal?: AbortSignal,
): Promise<unknown> {
  if (!config.databaseUrl) {
    const holder = await readDataDirLock(config.dataDir);
    if (holder?.controlSocket) {
      const relay = (message: ControlMessage) => {
        if (message.type === 'progress') onProgress(message.done, message.total, message.label);
      };
      return sendControlRequest(holder.controlSocket, { command, args }, relay, signal);
    }
    if (holder) throw new DataDirBusyError(config.dataDir, holder);
  }
  const opened = await openConfiguredDatabase(config, `interlock ${command}`);
  try {
    await upgradeDatabase(opened.database);
    return await executeDataCommand({ db: opened.database.db, progress: onProgress, ...(signal ? { signal } : {}) }, command, args);
  } finally {
    await opened.close();
  }
}
