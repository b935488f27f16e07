import { createHash } from 'node:crypto';
import { canonicalJson } from '../../db/idempotency.ts';
import type { DesignationContent } from './designation.validation.ts';

/**
 * Digests of the designation content held in child rows, by the catalogue field that releases
 * it. Kept on the designation row so that a caller's screening basis (`listVersion`) can be
 * summarised from released fields alone, in one scan of one table: a change of a field withheld
 * from the caller leaves its digest of the list as it was.
 */
export interface ContentDigests {
  readonly aliases: string;
  readonly identifiers: string;
  readonly datesOfBirth: string;
}

const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('base64url');

export function contentDigests(content: Pick<DesignationContent, 'aliases' | 'identifiers' | 'birthDates'>): ContentDigests {
  return {
    aliases: digest(content.aliases.map((a) => [a.name, a.kind, a.strength, a.script])),
    identifiers: digest(content.identifiers.map((i) => [i.type, i.value, i.issuingCountry, i.note])),
    datesOfBirth: digest(content.birthDates),
  };
}
