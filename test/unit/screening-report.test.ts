import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, explainInOneLine, REPORT_COLUMNS, reportHeader, reportLines, type ReportedMatch } from '../../src/modules/screening/screening-report.ts';

const match: ReportedMatch = {
  designationId: '0b0c4a0e-0000-4000-8000-000000000001',
  primaryName: 'KOROLEV, Ivan',
  matchedName: 'Ivan Korolev',
  score: 0.9312,
  explanation: {
    nameSimilarity: 0.93,
    tokenOverlap: 0.5,
    matchedNameStrength: 'STRONG',
    identifierMatched: null,
    dateOfBirth: 'AGREES',
    country: 'DISAGREES',
    subjectType: 'UNKNOWN',
    adjustments: [
      { feature: 'DATE_OF_BIRTH', points: 0.05, reason: 'date of birth 1969-07-16 agrees' },
      { feature: 'COUNTRY', points: -0.15, reason: 'country IR is none of the listed ones' },
    ],
  },
};

describe('the screening report', () => {
  it('explains a match in one line, with what each feature did to the score', () => {
    expect(explainInOneLine(match)).toBe(
      'name 0.93 vs "Ivan Korolev" (50% of words equal); date of birth 1969-07-16 agrees +0.05; country IR is none of the listed ones −0.15',
    );
  });

  it('writes CSV: a row per match, one for a party without, one for a rejected row; cells quoted and read back', () => {
    const lines = [
      ...reportHeader('csv'),
      ...reportLines({ line: 2, reference: 'r1', name: 'Ivan, Korolev', listVersion: 'designations@abc', matches: [match, { ...match, score: 0.8 }], suppressed: 0 }, 'csv'),
      ...reportLines({ line: 3, reference: null, name: 'Nobody', listVersion: 'designations@abc', matches: [], suppressed: 1 }, 'csv'),
      ...reportLines({ line: 4, reference: null, name: 'Bad', problems: ['type: "robot" is not one of …', 'country: "XX" is not a country'] }, 'csv'),
    ];
    const rows = parse(lines.join('\n'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...REPORT_COLUMNS]);
    expect(rows.map((r) => [r.line, r.name, r.status, r.rank, r.score, r.primaryName, r.listVersion])).toEqual([
      ['2', 'Ivan, Korolev', 'MATCH', '1', '0.9312', 'KOROLEV, Ivan', 'designations@abc'],
      ['2', 'Ivan, Korolev', 'MATCH', '2', '0.8000', 'KOROLEV, Ivan', 'designations@abc'],
      ['3', 'Nobody', 'NO_MATCH', '', '', '', 'designations@abc'],
      ['4', 'Bad', 'REJECTED', '', '', '', ''],
    ]);
    expect(rows[3]!.explanation).toBe('type: "robot" is not one of …; country: "XX" is not a country');
  });

  it('writes one JSON object per party', () => {
    const [line] = reportLines({ line: 2, reference: null, name: 'Ivan Korolev', listVersion: 'designations@abc', matches: [match], suppressed: 2 }, 'jsonl');
    expect(JSON.parse(line!)).toEqual({
      line: 2,
      reference: null,
      name: 'Ivan Korolev',
      status: 'MATCH',
      listVersion: 'designations@abc',
      matches: [{ score: 0.9312, designationId: match.designationId, primaryName: 'KOROLEV, Ivan', matchedName: 'Ivan Korolev', explanation: explainInOneLine(match) }],
      suppressed: 2,
    });
    expect(reportHeader('jsonl')).toEqual([]);
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });
});
