/** Files the key tooling writes: key sets that only grow, and private keys no one else may read. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { JWK } from 'jose';

/** Thrown when a key file exists but is not what it should be; the message names the file. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/** The keys of a published JWKS file; none when the file does not exist yet. */
export function readPublishedKeys(jwksFile: string): JWK[] {
  let text: string;
  try {
    text = fs.readFileSync(jwksFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const jwks = JSON.parse(text) as { keys?: unknown };
    if (Array.isArray(jwks.keys)) return jwks.keys as JWK[];
  } catch {
    // reported below
  }
  throw new KeyFileError(`${jwksFile} is not a JSON Web Key Set; move it aside to start a new one.`);
}

/** A reader never sees half a file, and a private key is never readable by others, even briefly. */
export function writeFileAtomically(file: string, contents: string, mode: number): void {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, contents, { mode, flag: 'wx' });
  try {
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
