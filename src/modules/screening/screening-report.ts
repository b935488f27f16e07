/**
 * What `interlock screen FILE` writes: per party its best matches, each with its score, the
 * list version screened against and a one-line explanation an analyst can read in a
 * spreadsheet cell. Pure: results in, text lines out.
 */
import type { MatchExplanation } from './match-scoring.ts';

export type ReportFormat = 'csv' | 'jsonl';

export interface ReportedMatch {
  designationId: string;
  /** Null when the primary name is withheld from the caller. */
  primaryName: string | null;
  matchedName: string;
  score: number;
  explanation: MatchExplanation;
}

/** One party as screened, or a row that could not be. */
export type ReportedParty =
  | { line: number; reference: string | null; name: string; listVersion: string; matches: ReportedMatch[]; suppressed: number }
  | { line: number; reference: string | null; name: string | null; problems: string[] };

export const REPORT_COLUMNS = [
  'line',
  'reference',
  'name',
  'status',
  'rank',
  'score',
  'designationId',
  'primaryName',
  'matchedName',
  'listVersion',
  'explanation',
] as const;

/** `name 0.93 ("KOROLEV, Ivan", 2 of 3 words equal); date of birth 1969-07-16 agrees +0.05; …` */
export function explainInOneLine(match: Pick<ReportedMatch, 'matchedName' | 'explanation'>): string {
  const { explanation } = match;
  const parts = [`name ${explanation.nameSimilarity.toFixed(2)} vs "${match.matchedName}" (${Math.round(explanation.tokenOverlap * 100)}% of words equal)`];
  for (const adjustment of explanation.adjustments) {
    const points = adjustment.points === 0 ? '' : ` ${adjustment.points > 0 ? '+' : '−'}${Math.abs(adjustment.points).toFixed(2)}`;
    parts.push(`${adjustment.reason}${points}`);
  }
  return parts.join('; ');
}

export function reportHeader(format: ReportFormat): string[] {
  return format === 'csv' ? [REPORT_COLUMNS.join(',')] : [];
}

/** The lines for one party: in CSV one per match (or one saying there is none), in JSON lines one object. */
export function reportLines(party: ReportedParty, format: ReportFormat): string[] {
  if ('problems' in party) {
    const explanation = party.problems.join('; ');
    if (format === 'jsonl') return [JSON.stringify({ line: party.line, reference: party.reference, name: party.name, status: 'REJECTED', problems: party.problems })];
    return [csvRow({ line: party.line, reference: party.reference, name: party.name, status: 'REJECTED', explanation })];
  }
  const status = party.matches.length > 0 ? 'MATCH' : 'NO_MATCH';
  if (format === 'jsonl') {
    return [
      JSON.stringify({
        line: party.line,
        reference: party.reference,
        name: party.name,
        status,
        listVersion: party.listVersion,
        matches: party.matches.map((m) => ({
          score: m.score,
          designationId: m.designationId,
          primaryName: m.primaryName,
          matchedName: m.matchedName,
          explanation: explainInOneLine(m),
        })),
        ...(party.suppressed > 0 ? { suppressed: party.suppressed } : {}),
      }),
    ];
  }
  const base = { line: party.line, reference: party.reference, name: party.name, status, listVersion: party.listVersion };
  if (party.matches.length === 0) return [csvRow(base)];
  return party.matches.map((m, i) =>
    csvRow({
      ...base,
      rank: i + 1,
      score: m.score.toFixed(4),
      designationId: m.designationId,
      primaryName: m.primaryName,
      matchedName: m.matchedName,
      explanation: explainInOneLine(m),
    }),
  );
}

function csvRow(values: Partial<Record<(typeof REPORT_COLUMNS)[number], string | number | null>>): string {
  return REPORT_COLUMNS.map((column) => csvCell(values[column] ?? null)).join(',');
}

/**
 * RFC 4180 quoting. A text cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so that a
 * spreadsheet shows it instead of running it as a formula (a party name comes from whoever
 * filled in the file).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
