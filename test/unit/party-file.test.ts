import { describe, expect, it } from 'vitest';
import {
  mapColumns,
  parseColumnMappings,
  parsePartyFile,
  partyFileFormatOf,
  PartyFileError,
  readPartialDate,
} from '../../src/modules/screening/party-file.ts';

describe('reading dates of birth', () => {
  it.each([
    ['1969-7-16', '1969-07-16'],
    ['1969-07-16', '1969-07-16'],
    ['1969/7/6', '1969-07-06'],
    ['1969.07.16', '1969-07-16'],
    ['1969-7', '1969-07'],
    ['1969', '1969'],
    ['1969-07-16T00:00:00Z', '1969-07-16'],
    // Day-first or month-first only where one part cannot be a month.
    ['16/07/1969', '1969-07-16'],
    ['7/16/1969', '1969-07-16'],
    ['16.7.1969', '1969-07-16'],
    ['07/07/1969', '1969-07-07'],
  ])('%s reads as %s', (text, date) => expect(readPartialDate(text)).toEqual({ date }));

  it.each([
    ['05/07/1969', /day-month or month-day/],
    ['1969-13-01', /not a date in the calendar/],
    ['1969-02-30', /not a date in the calendar/],
    ['16 July 1969', /not a date; write it as YYYY-MM-DD/],
    ['69-7-16', /not a date/],
  ])('%s is refused', (text, problem) => {
    const read = readPartialDate(text);
    expect('problem' in read && read.problem).toMatch(problem);
  });
});

describe('mapping columns to party fields', () => {
  it('recognises common headers in any case and spacing', () => {
    expect(mapColumns(['Full Name', 'DOB', 'Nationality', 'Subject Type', 'IDs', 'Ref', 'Notes'])).toEqual({
      columns: { name: 'Full Name', dateOfBirth: 'DOB', country: 'Nationality', type: 'Subject Type', identifiers: 'IDs', reference: 'Ref' },
      ignored: ['Notes'],
    });
  });

  it('takes --map choices before recognised headers', () => {
    const mappings = parseColumnMappings(['Customer=name', 'Name=reference', 'born on=date_of_birth']);
    expect(mapColumns(['Name', 'Customer', 'Born on'], mappings).columns).toEqual({ name: 'Customer', reference: 'Name', dateOfBirth: 'Born on' });
  });

  it('refuses a file without a name column, a mapping to a missing column, an unknown field and a field mapped twice', () => {
    expect(() => mapColumns(['Who', 'Country'])).toThrow(/no column holds the party name \(the columns are "Who", "Country"\)/);
    expect(() => mapColumns(['Name'], parseColumnMappings(['Client=name']))).toThrow(/the file has no column "Client"/);
    expect(() => parseColumnMappings(['Name=surname'])).toThrow(/"surname" is not a field; the fields are name, type/);
    expect(() => parseColumnMappings(['name'])).toThrow(/write it as column=field/);
    expect(() => mapColumns(['A', 'B'], parseColumnMappings(['A=name', 'B=name']))).toThrow(/two columns are mapped to name/);
    expect(() => mapColumns(['A'], parseColumnMappings(['A=name']))).not.toThrow();
  });
});

describe('parsing a party file', () => {
  it('reads a CSV file, reporting bad rows by line and keeping the others', () => {
    const text = [
      'name,type,country,dateOfBirth,identifiers',
      'Vladimir Putin,person,Russia,1952-10-7,PASSPORT:1234567; 7654321',
      '"Sovcomflot, PAO",company,RU,,',
      'Bad Row,robot,XX,05/07/1969,',
      '',
      '"Multi',
      'Line",,,,IMO:9123456',
      ',,,,',
      '—,,,,',
    ].join('\n');
    const file = parsePartyFile(text, 'csv');
    expect(file.rows).toEqual([
      {
        line: 2,
        reference: null,
        party: {
          name: 'Vladimir Putin',
          type: 'INDIVIDUAL',
          country: 'RU',
          dateOfBirth: '1952-10-07',
          identifiers: [
            { type: 'PASSPORT', value: '1234567' },
            { type: null, value: '7654321' },
          ],
        },
      },
      { line: 3, reference: null, party: { name: 'Sovcomflot, PAO', type: 'ENTITY', country: 'RU', dateOfBirth: null, identifiers: [] } },
      { line: 6, reference: null, party: { name: 'Multi\nLine', type: null, country: null, dateOfBirth: null, identifiers: [{ type: 'IMO_NUMBER', value: '9123456' }] } },
    ]);
    expect(file.rejected).toEqual([
      {
        line: 4,
        reference: null,
        name: 'Bad Row',
        problems: [
          expect.stringMatching(/^type: "robot" is not one of/),
          expect.stringMatching(/^country: "XX" is not a country/),
          expect.stringMatching(/^dateOfBirth: "05\/07\/1969" could be day-month or month-day/),
        ],
      },
      { line: 9, reference: null, name: '—', problems: ['name: "—" has no letter or digit'] },
    ]);
  });

  it('reads cells separated by semicolons, as spreadsheets in some locales save them, and a byte-order mark', () => {
    const file = parsePartyFile('\uFEFFName;Country;Ref\nAli Hassan;IR;c-1\n', 'csv');
    expect(file.rows).toEqual([{ line: 2, reference: 'c-1', party: { name: 'Ali Hassan', type: null, country: 'IR', dateOfBirth: null, identifiers: [] } }]);
  });

  it('reads JSON lines with identifiers as arrays, and reports a line that is not an object', () => {
    const text = [
      '{"fullName": "Ali Hassan", "dob": "1970-1-2", "identifiers": [{"type": "passport", "value": "A1"}, "B2"], "ref": 7}',
      '',
      'not json',
      '{"fullName": "", "dob": 1970}',
      '[1, 2]',
    ].join('\n');
    const file = parsePartyFile(text, 'jsonl');
    expect(file.rows).toEqual([
      {
        line: 1,
        reference: '7',
        party: { name: 'Ali Hassan', type: null, country: null, dateOfBirth: '1970-01-02', identifiers: [{ type: 'PASSPORT', value: 'A1' }, { type: null, value: 'B2' }] },
      },
    ]);
    expect(file.rejected).toEqual([
      { line: 3, reference: null, name: null, problems: ['is not a JSON object'] },
      { line: 4, reference: null, name: null, problems: ['name: is empty'] },
      { line: 5, reference: null, name: null, problems: ['is not a JSON object'] },
    ]);
  });

  it('refuses an empty file and one that is not CSV', () => {
    expect(() => parsePartyFile('', 'csv')).toThrow(PartyFileError);
    expect(() => parsePartyFile('\n\n', 'jsonl')).toThrow(/the file is empty/);
    expect(() => parsePartyFile('name\n"unclosed', 'csv')).toThrow(/not valid CSV/);
  });

  it('takes the format from the file name', () => {
    expect(partyFileFormatOf('parties.JSONL')).toBe('jsonl');
    expect(partyFileFormatOf('parties.ndjson')).toBe('jsonl');
    expect(partyFileFormatOf('parties.csv')).toBe('csv');
    expect(partyFileFormatOf('parties.txt')).toBe('csv');
  });
});
