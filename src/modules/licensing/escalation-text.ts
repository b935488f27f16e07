/**
 * The words of an escalation, composed for one reader from the escalation's data (its kind,
 * party position, score and the record it names) and what that reader may see: the
 * application's parties and items only if released to it, the designation, denial or end-use
 * check only as released to it. A record the reader may not see is not named at all.
 */
import type { DenialNotificationRow, DesignationRow, EndUseCheckRow, LicenseEscalationRow } from '../../db/schema/index.ts';
import { overlappingCodes } from '../../lib/control-list-codes.ts';
import { listingOf } from './risk-factor-text.ts';

/** A referenced record with the reader's view of its fields; absent when not released to the reader. */
export interface Released<Row> {
  readonly row: Row;
  readonly has: (field: string) => boolean;
}

export interface EscalationReader {
  application(field: string): boolean;
  /** The application's party names by position and its item codes, read only where `application` allows. */
  partyName(position: number): string | undefined;
  itemCodes: readonly string[];
  designation: Released<DesignationRow> | null;
  denial: Released<DenialNotificationRow> | null;
  endUseCheck: Released<EndUseCheckRow> | null;
}

type Escalation = Pick<LicenseEscalationRow, 'kind' | 'partyPosition' | 'score'>;

export function describeEscalation(escalation: Escalation, reader: EscalationReader): string {
  const position = escalation.partyPosition;
  const name = position !== null && reader.application('parties') ? reader.partyName(position) : undefined;
  const party = name !== undefined ? `party ${JSON.stringify(name)}` : position !== null ? `party ${position}` : 'a party';
  const score = escalation.score !== null ? `score ${escalation.score}` : null;
  switch (escalation.kind) {
    case 'DESIGNATION_MATCH': {
      const designation = reader.designation;
      const listed = !designation
        ? 'a designation not released to you'
        : `designation ${designation.row.id}${designation.has('primaryName') ? ` (${JSON.stringify(designation.row.primaryName)})` : ''}${listingOf(designation)}`;
      return `${party} now matches ${listed}${score ? ` (${score})` : ''}`;
    }
    case 'DENIAL_UNDERCUT': {
      const denial = reader.denial;
      if (!denial) return `${party} essentially matches a partner's denial not released to you${score ? ` (${score})` : ''}: consult before deciding.`;
      const details = [score];
      if (denial.has('reasonCategory')) details.push(`denied for ${denial.row.reasonCategory}`);
      if (reader.application('items') && denial.has('controlListCodes')) {
        details.push(`overlapping classifications ${overlappingCodes(reader.itemCodes, denial.row.controlListCodes).join(', ')}`);
      }
      const said = details.filter((d) => d !== null).join('; ');
      return `${party} essentially matches denial notification ${denial.row.id} of ${denial.row.ownerAgencyId}${said ? ` (${said})` : ''}: consult the denying agency before deciding.`;
    }
    case 'UNFAVORABLE_VERIFICATION': {
      const check = reader.endUseCheck;
      if (!check) return `an end-use check not released to you found ${party} unfavourable or unverifiable`;
      const kind = check.has('kind') ? check.row.kind : 'end-use check';
      const by = check.has('performingAgency') ? ` by ${check.row.performingAgencyId}` : '';
      const outcome = check.has('outcome') ? `${check.row.outcome}${check.has('outcomeDate') ? ` (${check.row.outcomeDate})` : ''}` : 'an adverse outcome';
      return `${kind} ${check.row.id}${by} on ${party}: ${outcome}`;
    }
  }
}
