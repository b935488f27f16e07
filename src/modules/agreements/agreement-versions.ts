import { canonicalJson } from '../../db/idempotency.ts';
import { createHash } from 'node:crypto';
import type { SharingAgreementRow } from '../../db/schema/index.ts';
import type { Agreement } from '../../policy/agreement.ts';

export interface AgreementFileVersion {
  agreement: Agreement;
  file: string;
  source: unknown;
}

export interface NewAgreementVersion {
  id: string;
  version: number;
  grantor: string;
  grantees: string[];
  document: unknown;
  contentHash: string;
  sourceFile: string | null;
  withdrawnAt: Date | null;
}

export interface ApplyPlan {
  versions: NewAgreementVersion[];
  counts: { added: number; changed: number; withdrawn: number; unchanged: number };
}

export const hashDocument = (document: unknown) => createHash('sha256').update(canonicalJson(document)).digest('hex');

/**
 * What applying the files changes, given the versions in force: a new version for each new or
 * edited agreement, and a withdrawing version for each agreement whose file is gone.
 */
export function planAgreementVersions(files: readonly AgreementFileVersion[], latest: readonly SharingAgreementRow[], now: Date): ApplyPlan {
  const byId = new Map(latest.map((row) => [row.id, row]));
  const counts = { added: 0, changed: 0, withdrawn: 0, unchanged: 0 };
  const versions: NewAgreementVersion[] = [];
  for (const { agreement, file, source } of files) {
    const previous = byId.get(agreement.id);
    const contentHash = hashDocument(source);
    if (previous && previous.contentHash === contentHash && previous.withdrawnAt === null) {
      counts.unchanged++;
      continue;
    }
    if (previous) counts.changed++;
    else counts.added++;
    versions.push({
      id: agreement.id,
      version: (previous?.version ?? 0) + 1,
      grantor: agreement.grantor,
      grantees: [...agreement.grantees],
      document: source,
      contentHash,
      sourceFile: file,
      withdrawnAt: null,
    });
  }
  const inFiles = new Set(files.map((f) => f.agreement.id));
  for (const row of latest) {
    if (inFiles.has(row.id) || row.withdrawnAt !== null) continue;
    counts.withdrawn++;
    versions.push({
      id: row.id,
      version: row.version + 1,
      grantor: row.grantor,
      grantees: row.grantees,
      document: row.document,
      contentHash: row.contentHash,
      sourceFile: row.sourceFile,
      withdrawnAt: now,
    });
  }
  return { versions, counts };
}
