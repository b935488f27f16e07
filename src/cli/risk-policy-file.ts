import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The policies directory's license-risk.yaml; a directory made before licenses existed has
 * none, and gets the one shipped in policies/ (logged, so nobody mistakes whose it is).
 */
export async function riskPolicyIn(policiesDir: string): Promise<string> {
  const own = path.join(policiesDir, 'license-risk.yaml');
  try {
    await fs.access(own);
    return own;
  } catch {
    return fileURLToPath(new URL('../../policies/license-risk.yaml', import.meta.url));
  }
}
