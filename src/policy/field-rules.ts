import {
  getLocation,
  GraphQLError,
  type FieldNode,
  type SourceLocation,
  responsePathAsArray,
  type GraphQLResolveInfo,
  getNamedType,
  isIntrospectionType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLFieldResolver,
  defaultFieldResolver,
} from 'graphql';
import { applyMiddleware, type IMiddlewareFieldMap } from 'graphql-middleware';
import { allow, rule, shield } from 'graphql-shield';

type ShieldRule = ReturnType<ReturnType<typeof rule>> | typeof allow;
import { AppError } from '../lib/errors.ts';
import type { Role } from '../auth/caller.ts';
import { ALWAYS_RELEASED, CATALOGUE, isRecordType, type RecordType } from './catalogue.ts';
import { ACCESS_EXTENSION, type OperationAccess } from './operation-policy.ts';
import type { ShareableRecord } from './decision.ts';
import type { Viewer } from './viewer.ts';
import type { RequestAuditTrail } from './audit-trail.ts';

interface ShieldContext {
  viewer: Viewer | null;
  /** The request's audit trail: told every field the mask releases. */
  audit?: RequestAuditTrail;
}

/**
 * Value types that exist only inside a record and are reached only through that record's
 * field, whose own rule releases or withholds them whole. One of them is also a federated
 * entity (LicenseParty): its reference resolver releases it exactly when isNestedValueReleased
 * says the record field holding it is released.
 */
export const NESTED_VALUE_TYPES: Readonly<Record<string, readonly string[]>> = {
  Alias: ['Designation.aliases'],
  Identifier: ['Designation.identifiers'],
  Address: ['Designation.addresses'],
  DateOfBirth: ['Designation.datesOfBirth'],
  Provenance: ['Designation.provenance', 'ThreatEntry.provenance', 'ControlListEntry.provenance'],
  DenialPartyIdentifier: ['DenialNotification.partyIdentifiers'],
  LicenseItem: ['LicenseApplication.items'],
  LicenseParty: ['LicenseApplication.parties'],
  LicensePartyIdentifier: ['LicenseParty.identifiers'],
  RiskFactor: ['LicenseApplication.riskFactors'],
  LicenseTransition: ['LicenseApplication.transitions'],
  LicenseEscalation: ['LicenseApplication.escalations'],
  EndUseCheckItem: ['EndUseCheck.items'],
  LicenseScreening: ['LicenseApplication.screenings'],
  ScreenedList: ['LicenseScreening.lists'],
};

/**
 * Whether a nested value reached by itself (a federated entity referenced by another subgraph)
 * is released to the caller: exactly when the field of its record that holds it is, so that a
 * party withheld inside its application is withheld on its own too.
 */
export function isNestedValueReleased(viewer: Viewer | null, nestedType: string, recordType: RecordType, record: ShareableRecord): boolean {
  if (viewer === null) return false;
  return (NESTED_VALUE_TYPES[nestedType] ?? []).some((holder) => {
    const [type, field] = holder.split('.');
    return type === recordType && field !== undefined && viewer.access.isFieldReleased(recordType, record, field);
  });
}

/**
 * Types every caller may read whole: the participant directory, the agreements (listed to their
 * parties only) and federation's `_Service` (the schema's SDL, see FEDERATION_OPERATIONS).
 */
const OPEN_TYPES = new Set(['Agency', 'SharingAgreement', 'AgreementGrant', 'AgreementCondition', 'PageInfo', '_Service']);
/**
 * The public transparency report: aggregates over what public-statistics.ts lets a public
 * report count, small counts already suppressed. It carries no record and needs no caller.
 */
const PUBLIC_AGGREGATE_TYPES = new Set(['TransparencyReport', 'StatisticsTable', 'StatisticsRow', 'StatisticsCell', 'DecisionTimes']);
/**
 * Results computed for the caller from what it may see (screening looks only at the released
 * fields of visible designations; the change feed): readable whole. The records they carry
 * keep their own rules.
 */
const CALLER_RESULT_TYPES = new Set([
  'ScreeningResult',
  'ScreeningMatch',
  'MatchExplanation',
  'ScoreAdjustment',
  'SuppressedMatch',
  // The change feed names only records the caller may see now or may have held (src/modules/changes).
  'ChangesPage',
  'Change',
]);
/**
 * Types readable whole because their queries only return them to the agencies they name (a
 * denial consultation: the consulting and the denying agency, filtered in SQL). The records
 * they link to keep their own rules.
 */
const PARTY_ONLY_TYPES = new Set(['DenialConsultation', 'ImportRun', 'ImportRunCounts', 'ImportWarning', 'AccessLogEntry', 'ReviewDue']);
/**
 * The audit log's commitments and proofs: hashes and sizes only (an entry's text is given only to
 * the agency whose request it records, decided where it is read).
 */
const AUDIT_PROOF_TYPES = new Set(['AuditTreeHead', 'AuditInclusionProof', 'AuditConsistencyProof']);
const isPagingType = (name: string) => /(Connection|Edge)$/.test(name);

/**
 * A denial is an expected answer, not a fault, and a page of 500 records can carry thousands.
 * Constructing a GraphQLError costs ~10 µs even without a stack (more than resolving the
 * field), so a denial is a plain object on GraphQLError's prototype with exactly the members
 * its formatting reads: graphql-js takes any Error whose `path` is set as already located and
 * passes it through, and Apollo formats it with GraphQLError's own `toJSON`.
 */
export const forbiddenField = (info: GraphQLResolveInfo): GraphQLError =>
  Object.assign(Object.create(GraphQLError.prototype) as GraphQLError, {
    message: FORBIDDEN_MESSAGE,
    path: responsePathAsArray(info.path),
    // The same field of every record has the same location in the query: computed once.
    locations: locationsOf(info.fieldNodes),
    extensions: FORBIDDEN_EXTENSIONS,
  });
const FORBIDDEN_MESSAGE = 'Not released to your agency by any sharing agreement.';
const FORBIDDEN_EXTENSIONS = Object.freeze({ code: 'FORBIDDEN' });
const knownLocations = new WeakMap<readonly FieldNode[], SourceLocation[]>();
function locationsOf(nodes: readonly FieldNode[]): SourceLocation[] {
  let locations = knownLocations.get(nodes);
  if (!locations) {
    locations = nodes.flatMap((node) => (node.loc ? [getLocation(node.loc.source, node.loc.start)] : []));
    knownLocations.set(nodes, locations);
  }
  return locations;
}
const notSignedIn = () => new AppError('UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token>.');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- graphql-shield types parents as any
type RuleCheck = (parent: any, args: unknown, ctx: ShieldContext) => boolean | Error;

/**
 * A rule that denies when its check throws, without exposing the error. Because no rule
 * ever throws, an error reaching `fallbackError` comes from the resolver and is passed on.
 */
const safeRule = (name: string, check: RuleCheck) =>
  rule(name, { cache: 'no_cache' })((parent: unknown, args: unknown, ctx: ShieldContext) => {
    try {
      return check(parent, args, ctx);
    } catch {
      return false;
    }
  });

/** A field of a shared record: released when the caller's grants for the record include it. */
const releasedField = (type: RecordType, field: string) =>
  safeRule(
    `released:${type}.${field}`,
    (parent: Parameters<Viewer['access']['isFieldReleased']>[1], _args, ctx) =>
      ctx.viewer !== null && ctx.viewer.access.isFieldReleased(type, parent, field),
  );

const signedIn = safeRule('signed-in', (_p, _a, ctx) => ctx.viewer !== null || notSignedIn());
// graphql-shield requires one rule object per rule name.
const roleRules = new Map<string, ShieldRule>();
const withRole = (roles: readonly Role[]) => {
  const name = `roles:${[...roles].sort().join(',')}`;
  let roleRule = roleRules.get(name);
  if (!roleRule) {
    roleRule = safeRule(name, (_p, _a, ctx) => {
      if (ctx.viewer === null) return notSignedIn();
      return (
        ctx.viewer.caller.roles.some((r) => roles.includes(r)) ||
        new AppError('FORBIDDEN', `Needs one of the roles ${roles.join(', ')}.`)
      );
    });
    roleRules.set(name, roleRule);
  }
  return roleRule;
};

function operationRule(field: GraphQLField<unknown, unknown>): ShieldRule | undefined {
  const access = field.extensions?.[ACCESS_EXTENSION] as OperationAccess | undefined;
  switch (access?.kind) {
    case 'public':
      return allow;
    case 'authenticated':
      return signedIn;
    case 'roles':
      return withRole(access.roles);
    default:
      return undefined;
  }
}

/** The rule for one field, or undefined when none is declared (the fallback then denies it). */
export function ruleForField(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): ShieldRule | undefined {
  if (type.name === 'Query' || type.name === 'Mutation') return operationRule(field);
  if (isRecordType(type.name)) {
    if ((ALWAYS_RELEASED as readonly string[]).includes(field.name)) return allow;
    return CATALOGUE[type.name].fields.includes(field.name) ? releasedField(type.name, field.name) : undefined;
  }
  if (
    NESTED_VALUE_TYPES[type.name] ||
    OPEN_TYPES.has(type.name) ||
    PUBLIC_AGGREGATE_TYPES.has(type.name) ||
    PARTY_ONLY_TYPES.has(type.name) ||
    AUDIT_PROOF_TYPES.has(type.name) ||
    CALLER_RESULT_TYPES.has(type.name) ||
    isPagingType(type.name)
  )
    return allow;
  return undefined;
}

/** Every object field of the schema with its rule (undefined: no rule, denied by the fallback). */
export function fieldRules(schema: GraphQLSchema) {
  const rules: { type: GraphQLObjectType; field: GraphQLField<unknown, unknown>; rule: ShieldRule | undefined }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) rules.push({ type, field, rule: ruleForField(type, field) });
  }
  return rules;
}

/**
 * The field mask: the same decision as `releasedField`, applied synchronously. graphql-shield
 * evaluates every rule through several promises; on a page of 500 records with two dozen
 * restricted fields each that alone cut throughput to a third. The mask is one lookup in the
 * caller's per-request decision, denies when there is no viewer or the lookup throws, and
 * answers a denial exactly as shield's fallback does. It wraps the field's resolver itself
 * (graphql-middleware would add a closure per field and row).
 */
const fieldMask =
  (type: RecordType, field: string, resolve: GraphQLFieldResolver<unknown, ShieldContext>): GraphQLFieldResolver<unknown, ShieldContext> =>
  (parent, args, ctx, info) => {
    let released = false;
    try {
      released = ctx.viewer !== null && ctx.viewer.access.isFieldReleased(type, parent as never, field);
    } catch {
      released = false;
    }
    if (!released) return forbiddenField(info);
    ctx.audit?.released(type, parent as never, field);
    return resolve(parent, args, ctx, info);
  };

/**
 * `id`, `owner` and `marking` travel with every released record and need no decision, but the
 * audit trail must still hear of them: a record whose only selected field is its id was released.
 */
const alwaysReleased =
  (type: RecordType, field: string, resolve: GraphQLFieldResolver<unknown, ShieldContext>): GraphQLFieldResolver<unknown, ShieldContext> =>
  (parent, args, ctx, info) => {
    ctx.audit?.released(type, parent as never, field);
    return resolve(parent, args, ctx, info);
  };

/**
 * Applies the rules with graphql-shield. Deny by default (`fallbackRule`), errors thrown in a
 * rule deny without being exposed, no caching across records. Two kinds of field skip
 * shield's per-field promise chain, keeping deny-by-default: fields whose rule is `allow`
 * (released with every record, or reached only through a guarded field) are not wrapped at
 * all, and catalogued record fields get the synchronous field mask of the same decision.
 */
export function enforceFieldRules(schema: GraphQLSchema): GraphQLSchema {
  const ruleTree: Record<string, Record<string, ShieldRule>> = {};
  const unwrapped = new Set<string>();
  const masked = new Map<string, { type: RecordType; field: string; mask: typeof fieldMask }>();
  for (const { type, field, rule: fieldRule } of fieldRules(schema)) {
    if (!fieldRule) continue;
    (ruleTree[type.name] ??= {})[field.name] = fieldRule;
    if (isRecordType(type.name) && (ALWAYS_RELEASED as readonly string[]).includes(field.name)) masked.set(`${type.name}.${field.name}`, { type: type.name, field: field.name, mask: alwaysReleased });
    else if (fieldRule === allow) unwrapped.add(`${type.name}.${field.name}`);
    else if (isRecordType(type.name)) masked.set(`${type.name}.${field.name}`, { type: type.name, field: field.name, mask: fieldMask });
  }
  const generator = shield(ruleTree, {
    fallbackRule: safeRule('deny-undeclared', () => false),
    // A denial arrives with no error; an error can only be the resolver's own (see safeRule).
    fallbackError: (error: unknown, _parent, _args, _ctx, info) => (error ? (error as Error) : forbiddenField(info)),
    allowExternalErrors: false,
    debug: false,
  });
  const middleware = generator.generate(schema) as Record<string, IMiddlewareFieldMap>;
  for (const [typeName, fields] of Object.entries(middleware)) {
    for (const fieldName of Object.keys(fields)) {
      const key = `${typeName}.${fieldName}`;
      if (unwrapped.has(key) || masked.has(key)) delete fields[fieldName];
    }
  }
  const shielded = applyMiddleware(schema, middleware);
  // Record fields: the mask in place of shield's rule, around the field's own resolver.
  for (const { type, field, mask } of masked.values()) {
    const target = (shielded.getType(type) as GraphQLObjectType).getFields()[field]!;
    target.resolve = mask(type, field, (target.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, ShieldContext>);
  }
  return shielded;
}

/** For tests: the named type a field returns. */
export const returnedTypeName = (field: GraphQLField<unknown, unknown>) => getNamedType(field.type).name;
