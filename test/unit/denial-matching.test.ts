import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LicenseApplicationRow, LicensePartyRow } from '../../src/db/schema/index.ts';
import { consultationPage, encodeConsultationCursor } from '../../src/modules/denials/consultation-cursor.ts';
import { composeNotice } from '../../src/modules/denials/denial-notice.ts';
import { codesOverlap, overlappingCodes } from '../../src/lib/control-list-codes.ts';
import {
  denialInForce,
  essentialMatch,
  releasedDenial,
  type CheckedParty,
  type DenialCandidate,
} from '../../src/modules/denials/denial-matching.ts';
import { undercutDetail } from '../../src/modules/denials/denial-matching.service.ts';
import { addYears, validateNotify } from '../../src/modules/denials/denial.validation.ts';
import type { NotifyDenialInput } from '../../src/modules/denials/denial-notification.types.ts';
import type { AppError } from '../../src/lib/errors.ts';

const DENIAL: DenialCandidate = {
  ownerAgencyId: 'de-bafa',
  partyName: 'Novatek Precision Instruments OOO',
  partyCountry: 'RU',
  partyIdentifiers: [{ type: 'REGISTRATION_NUMBER', value: '1027700132195' }],
  controlListCodes: ['3A001.b.4', 'ML8.a'],
  deniedOn: '2026-10-01',
  validUntil: '2027-10-01',
  revokedAt: null,
};
const party = (overrides: Partial<CheckedParty> = {}): CheckedParty => ({
  index: 0,
  name: 'Novatech Precision Instruments LLC',
  country: 'RU',
  identifiers: [],
  ...overrides,
});

describe('classification overlap', () => {
  it.each([
    ['3A001', '3A001.b.4'],
    ['3A001.b.4', '3A001'],
    ['3a001.B.4', '3A001.b.4'],
    ['3A001b4', '3A001.b.4'],
    ['3A001 b 4', '3A001-b-4'],
    ['ML8', 'ML8.a'],
    ['ML8.a', 'ML8a'],
    ['0A501', '0A501'],
  ])('counts %s and %s as overlapping (equal, or a prefix at a boundary)', (a, b) => {
    expect(codesOverlap(a, b)).toBe(true);
  });

  it.each([
    ['3A001', '3A0011'],
    ['ML1', 'ML10'],
    ['3A001.b.4', '3A001.b.5'],
    ['3A001.a', '3A001.b.4'],
    ['5A002', '3A001'],
    ['', '3A001'],
    ['..', '..'],
  ])('does not count %s and %s as overlapping', (a, b) => {
    expect(codesOverlap(a, b)).toBe(false);
  });

  it('is symmetric, ignores case and separators, and holds for every refinement of a code (property)', () => {
    const segment = fc.oneof(fc.stringMatching(/^[A-Z]{1,3}$/), fc.stringMatching(/^[0-9]{1,4}$/));
    const code = fc.array(segment, { minLength: 1, maxLength: 5 });
    const separator = fc.constantFrom('.', ' ', '-', '/', '. ');
    fc.assert(
      fc.property(code, code, separator, (a, b, sep) => {
        const [x, y] = [a.join('.'), b.join('.')];
        expect(codesOverlap(x, y)).toBe(codesOverlap(y, x));
        expect(codesOverlap(x.toLowerCase().replaceAll('.', sep), y)).toBe(codesOverlap(x, y));
        expect(codesOverlap(x, [...a, ...b].join(sep))).toBe(true);
      }),
    );
  });

  it("lists the application's overlapping codes once each, in its order", () => {
    expect(overlappingCodes(['ML8.a.1', '5A002', '3A001', 'ml8.a.1'], DENIAL.controlListCodes)).toEqual(['ML8.a.1', '3A001', 'ml8.a.1']);
    expect(overlappingCodes(['5A002'], DENIAL.controlListCodes)).toEqual([]);
  });
});

describe('essentially matching a denial', () => {
  it('matches a respelled name of the same country on an overlapping code', () => {
    const match = essentialMatch(party(), ['3A001'], DENIAL);
    expect(match).toMatchObject({ matchedBy: 'NAME', overlappingCodes: ['3A001'] });
    expect(match!.score).toBeGreaterThanOrEqual(0.85);
  });

  it('does not match without an overlapping classification, however close the party', () => {
    expect(essentialMatch(party({ name: DENIAL.partyName! }), ['5A002', '3A0011'], DENIAL)).toBeNull();
  });

  it('does not match a different name or a name below the screening threshold', () => {
    expect(essentialMatch(party({ name: 'Acme Widgets Limited' }), ['3A001'], DENIAL)).toBeNull();
    expect(essentialMatch(party(), ['3A001'], DENIAL, 0.99)).toBeNull();
  });

  it('excludes a name-only match when the stated countries differ, but not when one is unstated', () => {
    expect(essentialMatch(party({ country: 'KZ' }), ['3A001'], DENIAL)).toBeNull();
    expect(essentialMatch(party({ country: null }), ['3A001'], DENIAL)).not.toBeNull();
    expect(essentialMatch(party({ country: 'ru' }), ['3A001'], DENIAL)).not.toBeNull();
  });

  it('matches on an equal identifier whatever the name and country', () => {
    const match = essentialMatch(
      party({ name: 'Some Front Company', country: 'KZ', identifiers: [{ type: null, value: '1027-7001-32195' }] }),
      ['ML8'],
      DENIAL,
    );
    expect(match).toMatchObject({ matchedBy: 'IDENTIFIER', score: 0.98, overlappingCodes: ['ML8'] });
  });

  it('compares IMO numbers with or without their prefix', () => {
    const vessel = { ...DENIAL, partyIdentifiers: [{ type: 'IMO_NUMBER', value: 'IMO 9176187' }] };
    expect(essentialMatch(party({ name: 'Other', identifiers: [{ type: 'IMO_NUMBER', value: '9176187' }] }), ['ML8'], vessel)).not.toBeNull();
  });

  it('counts only other agencies\u2019 denials, not revoked, already denied and still valid', () => {
    expect(denialInForce(DENIAL, 'jp-meti', '2026-11-30')).toBe(true);
    expect(denialInForce(DENIAL, 'de-bafa', '2026-11-30')).toBe(false);
    expect(denialInForce({ ...DENIAL, revokedAt: new Date() }, 'jp-meti', '2026-11-30')).toBe(false);
    expect(denialInForce(DENIAL, 'jp-meti', '2027-10-01')).toBe(true);
    expect(denialInForce(DENIAL, 'jp-meti', '2027-10-02')).toBe(false);
    expect(denialInForce(DENIAL, 'jp-meti', '2026-09-30')).toBe(false);
  });

  it("tells the consulting officer what matched without the denied party's details", () => {
    const detail = undercutDetail({
      denialId: 'd1',
      denyingAgencyId: 'de-bafa',
      partyIndex: 2,
      score: 0.94,
      overlappingCodes: ['3A001'],
      reasonCategory: null,
    });
    expect(detail).toContain('Party 2');
    expect(detail).toContain('de-bafa');
    expect(detail).not.toContain('Novatek');
  });
});

describe('composing a denial notice', () => {
  const application = {
    id: '00000000-0000-4000-8000-000000000001',
    ownerAgencyId: 'de-bafa',
    state: 'DENIED',
    denialReason: 'MILITARY_END_USE',
    decidedAt: new Date('2026-10-01T22:30:00Z'),
  } as LicenseApplicationRow;
  const partyRow = (position: number, role: LicensePartyRow['role'], name: string) =>
    ({ applicationId: application.id, position, role, name, country: 'RU', address: null, identifiers: [], key: '', phonetic: '' }) as LicensePartyRow;
  const parties = [partyRow(0, 'CONSIGNEE', 'Baltic Freight'), partyRow(1, 'END_USER', 'Novatek Precision Instruments OOO'), partyRow(2, 'END_USER', 'Second End User')];
  const request = { partyPosition: null, validUntil: '2027-10-01', marking: 'AMBER' as const, releasableTo: null };
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as AppError).code;
    }
    return undefined;
  };

  it('takes the first end user by default, keys its name, and dates the denial from the decision (UTC)', () => {
    const notice = composeNotice(application, parties, ['3A001.b.4', '3A001.b.4', 'ML8.a'], request);
    expect(notice).toMatchObject({
      partyName: 'Novatek Precision Instruments OOO',
      partyKey: 'novatek precision instruments',
      controlListCodes: ['3A001.b.4', 'ML8.a'],
      reasonCategory: 'MILITARY_END_USE',
      deniedOn: '2026-10-01',
      ownerAgencyId: 'de-bafa',
    });
    expect(composeNotice(application, parties, ['ML8'], { ...request, partyPosition: 0 }).partyName).toBe('Baltic Freight');
  });

  it('refuses an application not denied (CONFLICT), a missing party or no items (BAD_USER_INPUT)', () => {
    expect(codeOf(() => composeNotice({ ...application, state: 'STANDARD_REVIEW' }, parties, ['ML8'], request))).toBe('CONFLICT');
    expect(codeOf(() => composeNotice({ ...application, state: 'APPEAL_UPHELD' }, parties, ['ML8'], request))).toBeUndefined();
    expect(codeOf(() => composeNotice(application, parties, ['ML8'], { ...request, partyPosition: 7 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => composeNotice(application, [parties[0]!], ['ML8'], request))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => composeNotice(application, parties, [], request))).toBe('BAD_USER_INPUT');
  });

  it('keeps validity after today and within ten years', () => {
    const input = (validUntil: string) => ({ applicationId: application.id, validUntil, marking: 'AMBER' }) as NotifyDenialInput;
    expect(validateNotify(input('2026-12-01'), '2026-11-30').validUntil).toBe('2026-12-01');
    expect(validateNotify(input('2036-11-30'), '2026-11-30').validUntil).toBe('2036-11-30');
    expect(codeOf(() => validateNotify(input('2026-11-30'), '2026-11-30'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => validateNotify(input('2036-12-01'), '2026-11-30'))).toBe('BAD_USER_INPUT');
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
  });
});

describe('matching only what the denying agency released', () => {
  const all = new Set(['partyName', 'partyCountry', 'partyIdentifiers', 'controlListCodes', 'reasonCategory', 'deniedOn', 'validUntil', 'revokedAt']);
  const without = (...fields: string[]) => releasedDenial(DENIAL, new Set([...all].filter((f) => !fields.includes(f))));

  it('matches the fully released denial as before', () => {
    expect(releasedDenial(DENIAL, all)).toEqual(DENIAL);
    expect(essentialMatch(party(), ['3A001'], without())).not.toBeNull();
  });

  it('finds no overlap in withheld classifications, however close the party', () => {
    expect(essentialMatch(party({ name: DENIAL.partyName! }), ['3A001', 'ML8'], without('controlListCodes'))).toBeNull();
  });

  it('compares a withheld name or identifier as absent, and a withheld country says nothing', () => {
    const byIdentifier = party({ name: 'Unrelated Trading House', identifiers: [{ type: null, value: '1027700-132195' }] });
    expect(essentialMatch(byIdentifier, ['3A001'], without('partyIdentifiers'))).toBeNull();
    expect(essentialMatch(byIdentifier, ['3A001'], without('partyName'))).toMatchObject({ matchedBy: 'IDENTIFIER' });
    expect(essentialMatch(party(), ['3A001'], without('partyName'))).toBeNull();
    expect(essentialMatch(party({ country: 'KZ' }), ['3A001'], without('partyCountry'))).toMatchObject({ matchedBy: 'NAME' });
  });

  it('does not count a denial whose dates are withheld: it is not known to be in force', () => {
    expect(denialInForce(without('deniedOn'), 'jp-meti', '2026-12-01')).toBe(false);
    expect(denialInForce(without('validUntil'), 'jp-meti', '2026-12-01')).toBe(false);
    expect(denialInForce(without(), 'jp-meti', '2026-12-01')).toBe(true);
  });
});

describe('consultation cursors', () => {
  it('round-trip the (requestedAt, id) position and refuse anything else', () => {
    const position = { requestedAt: new Date('2026-11-30T06:00:00.123Z'), id: '00000000-0000-4000-8000-000000000009' };
    expect(consultationPage(10, encodeConsultationCursor(position))).toEqual({ limit: 10, after: position });
    expect(consultationPage(null, null)).toEqual({ limit: 50, after: null });
    const refused = (fn: () => unknown) => expect(fn).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    refused(() => consultationPage(10, Buffer.from('threat-entry:12').toString('base64url')));
    refused(() => consultationPage(10, Buffer.from('denial-consultation:yesterday/x').toString('base64url')));
    refused(() => consultationPage(501, null));
  });
});
