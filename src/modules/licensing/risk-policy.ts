/**
 * The license risk policy, `policies/license-risk.yaml`: destination tiers, item sensitivity by
 * control-list code, points per risk factor and the escalation thresholds that
 * `license-risk.ts` scores applications with. The file itself documents every knob.
 *
 * Loaded once at boot; a file with any problem stops the hub with every problem listed by
 * path (`points.redFlag.CRITICAL`, `items.rules[3].pattern`), like the trust and agreement files.
 */
import fs from 'node:fs/promises';
import countries from 'i18n-iso-countries';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../../auth/trust.ts';

/** From trusted allies (LOW) to comprehensive sanctions (EMBARGOED); order matters. */
export const DESTINATION_TIERS = ['LOW', 'ELEVATED', 'HIGH', 'EMBARGOED'] as const;
export type DestinationTier = (typeof DESTINATION_TIERS)[number];

/** VERY_HIGH is meant for Wassenaar's Very Sensitive List and WMD-related items. */
export const ITEM_SENSITIVITIES = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type ItemSensitivity = (typeof ITEM_SENSITIVITIES)[number];

/** Severity of a threat-library entry matched as a red flag. */
export const RED_FLAG_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RedFlagSeverity = (typeof RED_FLAG_SEVERITIES)[number];

export interface ItemSensitivityRule {
  /** Matched against the upper-cased code: a prefix (`3A001`) or a regular expression. */
  readonly match: { readonly prefix: string } | { readonly pattern: RegExp };
  readonly sensitivity: ItemSensitivity;
  readonly note: string | null;
}

export interface RiskPolicy {
  readonly file: string;
  readonly destinations: {
    readonly defaultTier: DestinationTier;
    readonly tierByCountry: ReadonlyMap<string, DestinationTier>;
  };
  readonly items: {
    readonly defaultSensitivity: ItemSensitivity;
    /** In file order; the first that matches decides. */
    readonly rules: readonly ItemSensitivityRule[];
  };
  readonly points: RiskPoints;
  readonly escalation: {
    /** A screening hit scoring at least this (0..1) escalates on its own. */
    readonly sanctionsMatchScore: number;
    /** A total score at least this (0..100) escalates. */
    readonly totalScore: number;
  };
}

export interface RiskPoints {
  readonly destinationTier: Readonly<Record<DestinationTier, number>>;
  readonly partyCountryTier: Readonly<Record<DestinationTier, number>>;
  readonly itemSensitivity: Readonly<Record<ItemSensitivity, number>>;
  readonly sanctionsMatch: { readonly atFullScore: number; readonly exactOrIdentifierMatch: number };
  readonly redFlag: Readonly<Record<RedFlagSeverity, number>>;
  readonly unverifiedParty: number;
  readonly denialUndercut: number;
}

export interface RiskPolicyProblem {
  /** Where in the file, e.g. `destinations.tiers.HIGH[2]`, or `line 3, column 5` for YAML syntax. */
  readonly path: string;
  readonly reason: string;
}

export class RiskPolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly RiskPolicyProblem[],
  ) {
    super(`Invalid license risk policy ${file}:\n${problems.map((p) => `  - ${p.path}: ${p.reason}`).join('\n')}`);
    this.name = 'RiskPolicyError';
  }
}

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals, such as DE', abort: true })
  .refine((code) => countries.isValid(code), 'is not an ISO 3166-1 alpha-2 country code');

/** Points are whole numbers so that scores add up exactly and read the same everywhere. */
const points = z.number().int('must be a whole number').min(0, 'must not be negative').max(100, 'must be at most 100');

/** Same shape as the hub's classification codes (`3A001.B.4`, `ML22.A`), upper case. */
const CODE_PREFIX = /^[0-9A-Z][0-9A-Z.-]*$/;

const itemRuleSchema = z
  .object({
    prefix: z.string().regex(CODE_PREFIX, 'must be the start of a control-list code in capitals, such as 3A001 or ML').optional(),
    pattern: z
      .string()
      .min(1)
      .refine(compiles, 'is not a valid regular expression')
      .optional(),
    sensitivity: z.enum(ITEM_SENSITIVITIES),
    note: z.string().min(1).optional(),
  })
  .strict()
  .refine((rule) => (rule.prefix === undefined) !== (rule.pattern === undefined), 'needs exactly one of prefix or pattern');

/** Raising a tier or a severity must never lower the points: a reversed pair is a typo. */
function increasing<T extends string>(levels: readonly T[]) {
  return z.record(z.enum(levels as [T, ...T[]]), points).superRefine((byLevel, ctx) => {
    levels.slice(1).forEach((level, i) => {
      const lower = levels[i]!;
      if (byLevel[level] < byLevel[lower]) {
        ctx.addIssue({ code: 'custom', path: [level], message: `must not be below ${lower} (${byLevel[lower]})` });
      }
    });
  });
}

export const riskPolicyFileSchema = z
  .object({
    destinations: z
      .object({
        defaultTier: z.enum(DESTINATION_TIERS),
        tiers: z
          .object(Object.fromEntries(DESTINATION_TIERS.map((tier) => [tier, z.array(countryCode).default([])])) as Record<
            DestinationTier,
            z.ZodDefault<z.ZodArray<typeof countryCode>>
          >)
          .strict(),
      })
      .strict()
      .superRefine((destinations, ctx) => {
        const seen = new Map<string, DestinationTier>();
        for (const tier of DESTINATION_TIERS) {
          destinations.tiers[tier].forEach((code, i) => {
            const earlier = seen.get(code);
            if (earlier) ctx.addIssue({ code: 'custom', path: ['tiers', tier, i], message: `${code} is already in tier ${earlier}` });
            else seen.set(code, tier);
          });
        }
      }),
    items: z
      .object({
        defaultSensitivity: z.enum(ITEM_SENSITIVITIES),
        rules: z.array(itemRuleSchema).default([]),
      })
      .strict()
      .superRefine((items, ctx) => {
        items.rules.forEach((rule, i) => {
          const shadowing = items.rules.findIndex((earlier, j) => j < i && earlier.prefix !== undefined && rule.prefix?.startsWith(earlier.prefix));
          if (shadowing >= 0) {
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'prefix'],
              message: `never applies: rule ${shadowing} (prefix ${items.rules[shadowing]!.prefix}) matches first; put the longer prefix first`,
            });
          }
        });
      }),
    points: z
      .object({
        destinationTier: increasing(DESTINATION_TIERS),
        partyCountryTier: increasing(DESTINATION_TIERS),
        itemSensitivity: increasing(ITEM_SENSITIVITIES),
        sanctionsMatch: z.object({ atFullScore: points, exactOrIdentifierMatch: points }).strict(),
        redFlag: increasing(RED_FLAG_SEVERITIES),
        unverifiedParty: points,
        denialUndercut: points,
      })
      .strict(),
    escalation: z
      .object({
        sanctionsMatchScore: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1 (a certain match)'),
        totalScore: z.number().int('must be a whole number').min(1).max(100),
      })
      .strict(),
  })
  .strict();

export type RiskPolicyFile = z.input<typeof riskPolicyFileSchema>;

/** Reads and validates the policy file; the only I/O here. */
export async function loadRiskPolicy(filePath: string): Promise<RiskPolicy> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RiskPolicyError(filePath, [{ path: '(file)', reason: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'error'})` }]);
  }
  return parseRiskPolicy(text, filePath);
}

/** Parses policy YAML text; `fileName` only names the file in errors. */
export function parseRiskPolicy(text: string, fileName: string): RiskPolicy {
  const lineCounter = new LineCounter();
  // Duplicate keys are refused: a second `HIGH:` would silently replace the first list.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new RiskPolicyError(
      fileName,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: `line ${line}, column ${col}`, reason: error.message.split('\n')[0] ?? error.code };
      }),
    );
  }
  return validateRiskPolicy(document.toJS(), fileName);
}

/** Validates an already-parsed document (e.g. from a test) and builds the lookup tables. */
export function validateRiskPolicy(source: unknown, fileName: string): RiskPolicy {
  if (source == null) throw new RiskPolicyError(fileName, [{ path: '(file)', reason: 'is empty' }]);
  const parsed = riskPolicyFileSchema.safeParse(source, { error: describeIssue });
  if (!parsed.success) {
    throw new RiskPolicyError(
      fileName,
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(file)', reason: issue.message })),
    );
  }
  const { destinations, items, points: pointsByFactor, escalation } = parsed.data;
  const tierByCountry = new Map<string, DestinationTier>();
  for (const tier of DESTINATION_TIERS) for (const code of destinations.tiers[tier]) tierByCountry.set(code, tier);
  const rules = items.rules.map(
    (rule): ItemSensitivityRule =>
      Object.freeze({
        match: Object.freeze(rule.prefix !== undefined ? { prefix: rule.prefix } : { pattern: new RegExp(rule.pattern!) }),
        sensitivity: rule.sensitivity,
        note: rule.note ?? null,
      }),
  );
  return Object.freeze({
    file: fileName,
    destinations: Object.freeze({ defaultTier: destinations.defaultTier, tierByCountry }),
    items: Object.freeze({ defaultSensitivity: items.defaultSensitivity, rules: Object.freeze(rules) }),
    points: Object.freeze(pointsByFactor),
    escalation: Object.freeze(escalation),
  });
}

/** Zod's defaults name types; these name what the file's author has to do. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return undefined;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
