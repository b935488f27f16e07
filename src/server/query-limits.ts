import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isObjectType,
  isInterfaceType,
  isUnionType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { QUERY_COST, type QueryLimits } from '../config/limits.ts';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** A validation error for a document over a limit (armor phrases its own as syntax errors). */
function overLimit(message: string): GraphQLError {
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), { extensions: { code: QUERY_TOO_COMPLEX } });
}

/**
 * graphql-armor's depth, alias and directive rules run with validation. Its token limit runs as the
 * parser's own `maxTokens` (graphql-js), because armor's Apollo token plugin throws outside
 * Apollo's error handling (a 500). Its cost rule reads only literal `first` values, not variables,
 * defaults or input lists, so the hub's own estimate (operationCost) replaces it.
 */
export function queryLimitRules(limits: QueryLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  // Armor's own reporter would answer BAD_USER_INPUT: this one reports QUERY_TOO_COMPLEX instead.
  const common = () => ({
    exposeLimits: limits.exposeLimits,
    errorMessage: 'Query too complex.',
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: { message: string }) => context?.reportError(overLimit(error.message))],
  });
  const armor = new ApolloArmor({
    // Operations and fragments named __schema are not introspection: armor skips only the field, and
    // here not even that. A fragment is measured where it is spread, not as a level of its own.
    maxDepth: { ...common(), n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true },
    maxAliases: { ...common(), n: limits.maxAliases, allowList: [] },
    maxDirectives: { ...common(), n: limits.maxDirectives },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  }).protect();
  return { validationRules: [...armor.validationRules, documentLengthRule(limits)], plugins: armor.plugins as unknown as ApolloServerPlugin[] }; // armor's types resolve to Apollo's CommonJS build
}

function documentLengthRule(limits: QueryLimits): ValidationRule {
  return (context) => {
    const length = context.getDocument().loc?.source.body.length ?? 0;
    if (length > limits.maxDocumentChars) {
      context.reportError(overLimit(limits.exposeLimits ? `Document of ${length} characters, over the limit of ${limits.maxDocumentChars}.` : 'Query too complex.'));
    }
    return {};
  };
}

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

/** The parser's message when a document is over `maxTokens` (graphql-js src/language/parser.ts). */
export const isTokenLimitError = (message: string) => /Document contains more th\w+ \d+ tokens/.test(message);

/**
 * The estimated cost of one operation with its variables (weights: QUERY_COST). Fragments are
 * followed wherever they are spread (validation has already refused cycles), so neither a
 * fragment nor an operation named `__schema` escapes it.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const cost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number): number => {
    let total = 0;
    // Fragments narrowing an abstract type to one of its types: a row is one type, so the dearest counts.
    const narrowed = new Map<string, number>();
    const addFragment = (typeName: string | undefined, inner: SelectionSetNode) => {
      const type = typeName ? schema.getType(typeName) : parent;
      if (!type || !isComposite(type)) return;
      const fragmentCost = cost(inner, type, multiplier);
      if (type === parent) total += fragmentCost;
      else narrowed.set(type.name, (narrowed.get(type.name) ?? 0) + fragmentCost);
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment) addFragment(fragment.typeCondition.name.value, fragment.selectionSet);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        addFragment(selection.typeCondition?.name.value, selection.selectionSet);
        continue;
      }
      total += multiplier * QUERY_COST.FIELD;
      const field = isUnionType(parent) ? undefined : parent.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const rows = rowsOf(field, selection, variables);
      if (field.name === 'screen') total += multiplier * rows * QUERY_COST.PARTY;
      const type = getNamedType(field.type);
      if (isComposite(type)) total += cost(selection.selectionSet, type, multiplier * rows);
    }
    return total + Math.max(0, ...narrowed.values());
  };
  return cost(operation.selectionSet, root, 1);
}

type FieldDef = Parameters<typeof getArgumentValues>[0];

/** How many rows a field returns for each of its parents: `first`, or the length of its input list. */
function rowsOf(field: FieldDef, node: Parameters<typeof getArgumentValues>[1], variables: Readonly<Record<string, unknown>>): number {
  const names = new Set(field.args.map((a) => a.name));
  if (!names.has('first') && !names.has('input') && !names.has('representations')) return 1;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables as Record<string, unknown>);
  } catch {
    return 1; // execution refuses the arguments anyway
  }
  if (names.has('first')) return typeof args.first === 'number' && args.first > 0 ? args.first : QUERY_COST.DEFAULT_PAGE;
  const list = args.input ?? args.representations;
  return Array.isArray(list) ? Math.max(list.length, 1) : 1;
}

function isComposite(type: unknown): type is GraphQLCompositeType {
  return isObjectType(type) || isInterfaceType(type) || isUnionType(type);
}
