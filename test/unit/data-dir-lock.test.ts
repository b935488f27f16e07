import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, controlSocketPath, DataDirBusyError, readDataDirLock } from '../../src/db/data-dir-lock.ts';

const tempDir = () => fs.mkdtemp(path.join(os.tmpdir(), 'interlock-lock-'));

describe('the data directory lock', () => {
  it('admits one holder at a time and names the holder to the next', async () => {
    const dir = await tempDir();
    const lock = await acquireDataDirLock(dir, 'hub', '/tmp/x.sock');
    await expect(acquireDataDirLock(dir, 'interlock seed')).rejects.toThrow(DataDirBusyError);
    await expect(acquireDataDirLock(dir, 'interlock seed')).rejects.toThrow(/in use by hub/);
    expect(await readDataDirLock(dir)).toMatchObject({ role: 'hub', controlSocket: '/tmp/x.sock', pid: process.pid });
    await lock.release();
    expect(await readDataDirLock(dir)).toBeUndefined();
    const next = await acquireDataDirLock(dir, 'interlock seed');
    await next.release();
  });

  it('takes over the lock of a process that died', async () => {
    const dir = await tempDir();
    const dead = { pid: 2 ** 22 + 12345, hostname: os.hostname(), role: 'hub', startedAt: new Date().toISOString() };
    await fs.writeFile(path.join(dir, 'interlock.lock'), JSON.stringify(dead));
    expect(await readDataDirLock(dir)).toBeUndefined();
    const lock = await acquireDataDirLock(dir, 'interlock seed');
    expect(lock.holder.pid).toBe(process.pid);
    await lock.release();
  });

  it('keeps control socket paths short enough for unix sockets', () => {
    expect(controlSocketPath('/short')).toBe('/short/hub.sock');
    expect(controlSocketPath(`/${'x'.repeat(150)}`).length).toBeLessThan(100);
  });
});
