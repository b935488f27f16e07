/** Upper-case letters and digits only: how identifiers are compared across sources. */
export function normalizeIdentifier(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{Letter}\p{Number}]/gu, '');
}

/**
 * A party's identifier as screening compares it: normalised, and an IMO number without the
 * "IMO" prefix people write before it (lists store the seven digits). An untyped value that
 * reads as an IMO number is taken as one.
 */
export function normalizePartyIdentifier(type: string | null, value: string): string {
  const normalized = normalizeIdentifier(value);
  if ((type === null || type === 'IMO_NUMBER') && /^IMO\d{7}$/.test(normalized)) return normalized.slice(3);
  return normalized;
}

/**
 * IMO ship identification number: 7 digits, the last a check digit: the sum of the first
 * six digits weighted 7..2, modulo 10 (IMO Resolution A.1117(30)). Accepts an `IMO` prefix.
 */
export function isValidImoNumber(value: string): boolean {
  const digits = normalizeIdentifier(value).replace(/^IMO/, '');
  if (!/^\d{7}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return sum % 10 === Number(digits[6]);
}

/** Maritime Mobile Service Identity: 9 digits. */
export function isValidMmsi(value: string): boolean {
  return /^\d{9}$/.test(normalizeIdentifier(value));
}
