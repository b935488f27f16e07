import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at `path` below the field being resolved (e.g.
 * `['edges', 'node']` of a connection), through fragments and inline fragments. `@skip` and
 * `@include` are not evaluated: a field they may drop counts as selected, so a statement may
 * fetch something unused, never miss something asked for.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[] = []): Set<string> {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const step of path) {
    const next: FieldNode[] = [];
    for (const node of level) collect(node.selectionSet, info.fragments, (field) => field.name.value === step && next.push(field));
    level = next;
  }
  const names = new Set<string>();
  for (const node of level) collect(node.selectionSet, info.fragments, (field) => names.add(field.name.value));
  return names;
}

function collect(set: SelectionSetNode | undefined, fragments: GraphQLResolveInfo['fragments'], visit: (field: FieldNode) => unknown, seen = new Set<string>()) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, fragments, visit, seen);
    else if (!seen.has(selection.name.value)) {
      // A fragment spread twice at one level is read once (validation already refused cycles).
      seen.add(selection.name.value);
      collect(fragments[selection.name.value]?.selectionSet, fragments, visit, seen);
    }
  }
}
