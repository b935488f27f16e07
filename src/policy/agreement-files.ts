import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MARKINGS } from '../db/schema/columns.ts';
import type { Agreement, Grant } from './agreement.ts';
import { CATALOGUE, expandFieldNames, RECORD_TYPES } from './catalogue.ts';

/**
 * policies/agreements/*.yaml — one sharing agreement per file:
 *
 *   id: us-ofac-to-gb-ofsi          # stable id, unique across files
 *   title: OFAC designations for OFSI sanctions screening
 *   grantor: us-ofac                # the owner of the records shared
 *   grantees: [gb-ofsi]
 *   purposes: [sanctions-screening]
 *   validFrom: 2026-01-01           # date or date-time; a date-only validUntil includes that day
 *   validUntil: 2027-12-31          # optional
 *   revokedAt: 2026-06-01           # optional
 *   ceiling: AMBER                  # highest TLP marking released (RED never is)
 *   grants:
 *     - type: Designation
 *       fields: [identity, listing, legalBasis]   # field names or groups; `all` for every field
 *       where: { status: [ACTIVE] }              # optional conditions on the record
 *       ceiling: GREEN                           # optional, narrower than the agreement's
 *   reshare: { hops: 1 }            # optional: how many hubs beyond the grantees' hub may relay
 *                                   # the records onward (default 0: none; see docs/sync.md)
 */
export const PURPOSES = [
  'sanctions-screening',
  'licensing',
  'enforcement',
  'intelligence-analysis',
  'end-use-verification',
  'hub-sync',
] as const;

const agencyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be an agency id such as us-ofac');
const dateOrDateTime = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString() : value;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time' });
    return z.NEVER;
  }
  return { date, dateOnly: /^\d{4}-\d{2}-\d{2}$/.test(text) || (value instanceof Date && text.endsWith('T00:00:00.000Z')) };
});
/** A chain longer than this is a mesh no owner can follow; larger values are refused. */
export const MAX_RESHARE_HOPS = 8;

const releasableMarking = z.enum(MARKINGS).refine((m) => m !== 'RED', 'TLP:RED never leaves its owner');

const grantSchema = z
  .object({
    type: z.enum(RECORD_TYPES),
    fields: z.array(z.string().min(1)).min(1, 'must name at least one field or group'),
    where: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
    ceiling: releasableMarking.optional(),
  })
  .strict()
  .superRefine((grant, ctx) => {
    const { unknown } = expandFieldNames(grant.type, grant.fields);
    for (const name of unknown) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields', grant.fields.indexOf(name)],
        message: `${JSON.stringify(name)} is not a field or group of ${grant.type} (groups: ${Object.keys(CATALOGUE[grant.type].groups).join(', ')}, all)`,
      });
    }
    const conditionCatalogue = CATALOGUE[grant.type].conditions;
    for (const [attribute, values] of Object.entries(grant.where)) {
      const allowed = conditionCatalogue[attribute];
      if (!allowed) {
        ctx.addIssue({
          code: 'custom',
          path: ['where', attribute],
          message: `${grant.type} records cannot be selected by ${JSON.stringify(attribute)} (possible: ${Object.keys(conditionCatalogue).join(', ')})`,
        });
      } else if (allowed !== 'text') {
        values.forEach((value, i) => {
          if (!allowed.includes(value)) {
            ctx.addIssue({ code: 'custom', path: ['where', attribute, i], message: `must be one of ${allowed.join(', ')}` });
          }
        });
      }
    }
  });

export const agreementFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,127}$/, 'must be lower-case letters, digits, dots, dashes'),
    title: z.string().min(1).max(300),
    grantor: agencyId,
    grantees: z.array(agencyId).min(1),
    purposes: z.array(z.enum(PURPOSES)).min(1),
    validFrom: dateOrDateTime,
    validUntil: dateOrDateTime.optional(),
    revokedAt: dateOrDateTime.optional(),
    ceiling: releasableMarking,
    grants: z.array(grantSchema).min(1),
    reshare: z
      .object({
        hops: z
          .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number of hops') })
          .int('must be a whole number of hops')
          .min(0, 'must be 0 or more')
          .max(MAX_RESHARE_HOPS, `must be at most ${MAX_RESHARE_HOPS}`),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.grantees.includes(a.grantor)) {
      ctx.addIssue({ code: 'custom', path: ['grantees'], message: 'the grantor already sees its own records' });
    }
    if (a.validUntil && untilInstant(a.validUntil) <= a.validFrom.date) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
    }
  });

export type AgreementFile = z.input<typeof agreementFileSchema>;

export class AgreementFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid agreement\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AgreementFileError';
  }
}

/** Parses one agreement document; `file` is used in error messages only. */
export function parseAgreement(source: unknown, file: string): Agreement {
  const parsed = agreementFileSchema.safeParse(source);
  if (!parsed.success) {
    throw new AgreementFileError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`),
    );
  }
  const a = parsed.data;
  const markingOrder = MARKINGS as readonly string[];
  const grants: Grant[] = a.grants.map((g) => {
    const ceiling = g.ceiling && markingOrder.indexOf(g.ceiling) < markingOrder.indexOf(a.ceiling) ? g.ceiling : a.ceiling;
    return { type: g.type, fields: expandFieldNames(g.type, g.fields).fields, ceiling, conditions: g.where };
  });
  return {
    id: a.id,
    title: a.title,
    grantor: a.grantor,
    grantees: [...new Set(a.grantees)],
    purposes: a.purposes,
    validFrom: a.validFrom.date,
    validUntil: a.validUntil ? untilInstant(a.validUntil) : null,
    revokedAt: a.revokedAt?.date ?? null,
    grants,
    reshareHops: a.reshare?.hops ?? 0,
  };
}

/** Reads every `*.yaml`/`*.yml` in `dir`; the first bad file stops loading with its name, path and reason. */
export async function loadAgreementFiles(dir: string): Promise<{ agreement: Agreement; file: string; source: unknown }[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const loaded: { agreement: Agreement; file: string; source: unknown }[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    let source: unknown;
    try {
      source = parseYaml(await fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new AgreementFileError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
    }
    const agreement = parseAgreement(source, file);
    const earlier = seen.get(agreement.id);
    if (earlier) throw new AgreementFileError(file, [`id: ${agreement.id} is already used by ${earlier}`]);
    seen.set(agreement.id, file);
    loaded.push({ agreement, file, source });
  }
  return loaded;
}

/** A date-only end of validity includes that whole day (UTC). */
function untilInstant(value: { date: Date; dateOnly: boolean }): Date {
  return value.dateOnly ? new Date(value.date.getTime() + 86_400_000) : value.date;
}
