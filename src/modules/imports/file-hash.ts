import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** SHA-256 over a file's bytes, or over a folder's files (sorted by name) for multi-file sets. */
export async function hashSource(target: string): Promise<string> {
  const hash = createHash('sha256');
  const stat = await fs.stat(target);
  const files = stat.isDirectory() ? (await fs.readdir(target)).sort().map((name) => path.join(target, name)) : [target];
  for (const file of files) {
    if (!(await fs.stat(file)).isFile()) continue;
    hash.update(path.basename(file));
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
