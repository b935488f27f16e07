/**
 * The hub's own secret for sealing `changes` cursors (AES-256-GCM, src/modules/changes): 32
 * random bytes kept in the keys folder (mode 0600) beside the local signing keys, made on first
 * start, so that cursors stay valid across restarts. Whoever holds it can read every cursor's
 * hub position; it never leaves the hub.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const cursorKeyFileFor = (keysDir: string) => path.resolve(keysDir, 'hub-cursor.key');

export function loadOrCreateCursorKey(keysDir: string): Buffer {
  const file = cursorKeyFileFor(keysDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once cannot both write one; the loser reads the winner's.
    fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== 32) throw new Error(`${file}: not a cursor key (32 bytes, base64url); remove it to make a new one (outstanding cursors stop working)`);
  return key;
}
