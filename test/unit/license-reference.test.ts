import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../src/modules/licenses/license-reference.ts';

describe('license references', () => {
  const id = '3e34190f-7a1b-4c2d-9e8f-0123456789ab';

  it('read back what they print, whatever the case and surrounding blanks', () => {
    expect(formatReference('de-bafa', id)).toBe('DE-BAFA-3E34190F');
    expect(parseReference(' de-bafa-3e34190f ')).toEqual({
      ownerAgencyId: 'de-bafa',
      lowestId: '3e34190f-0000-0000-0000-000000000000',
      highestId: '3e34190f-ffff-ffff-ffff-ffffffffffff',
    });
    const parsed = parseReference(formatReference('de-bafa', id))!;
    expect(parsed.lowestId <= id && id <= parsed.highestId).toBe(true);
  });

  it('refuse text that cannot be a reference', () => {
    for (const text of ['', 'DE-BAFA', '3E34190F', 'DE-BAFA-3E34190', 'DE-BAFA-3E34190FF', 'DE BAFA-3E34190F', 'DE-BAFA-3E34190G', "x'-3e34190f"]) {
      expect(parseReference(text), text).toBeNull();
    }
  });
});
