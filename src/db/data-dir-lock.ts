import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

/**
 * PGlite is a single-process database: two processes opening one data directory corrupt it.
 * Whoever opens the embedded database first takes this lock file; a hub also records the
 * socket on which it serves data commands to local CLI processes.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** `hub` or the CLI command holding the directory. */
  role: string;
  startedAt: string;
  /** Present when the holder is a hub accepting data commands. */
  controlSocket?: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by ${holder.role} (pid ${holder.pid}, since ${holder.startedAt}). ` +
        `Wait for it to finish, stop it, or point INTERLOCK_DATA_DIR elsewhere.`,
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

const lockPath = (dataDir: string) => path.join(dataDir, 'interlock.lock');

/** Where a hub serving `dataDir` listens; unix socket paths are limited to ~100 bytes. */
export function controlSocketPath(dataDir: string): string {
  const inDir = path.join(dataDir, 'hub.sock');
  if (inDir.length < 100) return inDir;
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `interlock-${digest}.sock`);
}

/** Takes the lock or throws DataDirBusyError naming the live holder; a dead holder's lock is taken over. */
export async function acquireDataDirLock(dataDir: string, role: string, controlSocket?: string): Promise<DataDirLock> {
  await fs.mkdir(dataDir, { recursive: true });
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    role,
    startedAt: new Date().toISOString(),
    ...(controlSocket ? { controlSocket } : {}),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lockPath(dataDir), JSON.stringify(holder), { flag: 'wx' });
      return { holder, release: () => releaseIfOurs(dataDir) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = await readDataDirLock(dataDir);
      if (current) throw new DataDirBusyError(dataDir, current);
      // The holder died without releasing: remove its stale lock and try again.
      await fs.rm(lockPath(dataDir), { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

/** The live holder of the data directory, or undefined when it is free (a stale lock counts as free). */
export async function readDataDirLock(dataDir: string): Promise<LockHolder | undefined> {
  let holder: LockHolder;
  try {
    holder = JSON.parse(await fs.readFile(lockPath(dataDir), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
  return holder.hostname === os.hostname() && !isAlive(holder.pid) ? undefined : holder;
}

async function releaseIfOurs(dataDir: string) {
  const current = await readDataDirLock(dataDir);
  if (current?.pid === process.pid) await fs.rm(lockPath(dataDir), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
