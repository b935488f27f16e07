import { sql } from 'drizzle-orm';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import type { PublicKeySet } from '../../auth/hub-keys.ts';
import { queryRows, type Executor } from '../../db/client.ts';
import { storedEntries, treeHeadClaims, treeHeads, TREE_HEAD_TYPE, type StoredEntry, type TreeHead } from './audit-log.ts';
import { verifyAuditLog, type AuditVerification, type SignatureCheck } from './audit-verify.ts';

/** Whether a tree head's JWS is the hub's signature over exactly its size, root and time. */
export function treeHeadSignatureCheck(keys: PublicKeySet | undefined): SignatureCheck {
  const jwks = keys ? createLocalJWKSet({ keys: [...keys.keys] }) : undefined;
  return async (head: TreeHead) => {
    if (head.signature === null) return 'unsigned';
    if (!jwks) return 'invalid';
    try {
      if (decodeProtectedHeader(head.signature).typ !== TREE_HEAD_TYPE) return 'invalid';
      const { payload } = await compactVerify(head.signature, jwks, { algorithms: ['EdDSA', 'Ed25519'] });
      return new TextDecoder().decode(payload) === canonicalJson(treeHeadClaims(head)) ? 'valid' : 'invalid';
    } catch {
      return 'invalid';
    }
  };
}

/** Reads the whole log and its tree heads and verifies them (see audit-verify.ts). */
export async function checkAuditLog(db: Executor, keys: PublicKeySet | undefined): Promise<AuditVerification> {
  const rows: StoredEntry[] = [];
  for (let batch = await storedEntries(db); batch.length > 0; batch = await storedEntries(db, batch.at(-1)!.entryIndex)) rows.push(...batch);
  const [state] = await queryRows<{ size: string | number }>(db, sql`SELECT size FROM audit_log_state WHERE singleton`);
  return verifyAuditLog(rows, await treeHeads(db), treeHeadSignatureCheck(keys), Number(state?.size ?? 0));
}
