import { COMPANY_STYLES } from './company-names.ts';
import { address } from './place-pools.ts';
import type { Random } from './random.ts';
import { emptyDraft, type SubjectDraft } from './subject-draft.ts';

/** Where networks keep a second office: trading hubs between suppliers and end users. */
const BRANCH_HUBS = ['AE', 'HK', 'TR', 'CY'];

export function entity(r: Random): SubjectDraft {
  const style = r.weighted(COMPANY_STYLES);
  const company = style.build(r);
  const draft = emptyDraft(company.primary, r.weighted(style.themes));
  draft.aliases = company.aliases;
  draft.identifiers = company.identifiers;
  if (r.chance(0.95)) draft.addresses.push(address(r, company.country, true, company.city));
  if (r.chance(0.1)) {
    const hub = r.pick(BRANCH_HUBS.filter((c) => c !== company.country));
    draft.addresses.push(address(r, hub, true));
  }
  if (r.chance(0.4)) draft.remarks.push(`Organization Established Date ${r.int(1992, 2024)}`);
  return draft;
}
