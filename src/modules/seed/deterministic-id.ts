import { createHash } from 'node:crypto';

/**
 * A UUID derived from a string, so that the same seed gives the same ids and a re-run can
 * skip what exists. Shaped like a v4 UUID (version and variant bits set) because the ids
 * share columns with random v4 ones; the bits that remain come from SHA-256 of the key.
 */
export function deterministicId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
