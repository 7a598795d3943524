import { Kind, type SelectionSetNode, type ValidationRule } from "graphql";
import { ErrorCode } from "../errors.js";
import { isIntrospectionField } from "./introspection.js";
import { queryLimitError } from "./limit-error.js";

/**
 * Refuses an operation whose fields nest deeper than `maxDepth` (a root field is depth 1), counted through
 * fragments as they expand, so hiding the nesting in fragments does not help. Introspection (__schema,
 * __type) is not counted: GraphiQL's own schema query nests `ofType` nine deep, and introspection is off in
 * production anyway.
 */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context) => {
    // A fragment's depth does not depend on where it is spread, so each is measured once.
    const fragmentDepths = new Map<string, number>();
    const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (isIntrospectionField(selection.name.value)) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value, visiting));
        }
      }
      return deepest;
    };
    const fragmentDepth = (name: string, visiting: Set<string>): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      // A cycle is NoFragmentCyclesRule's to report; here it only must not recurse forever.
      if (visiting.has(name)) return 0;
      visiting.add(name);
      const depth = depthOf(context.getFragment(name)?.selectionSet, visiting);
      visiting.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            queryLimitError(
              ErrorCode.QUERY_TOO_DEEP,
              `Query is nested ${depth} levels deep; the limit is ${maxDepth} (MAX_DEPTH)`,
              operation,
            ),
          );
        }
      },
    };
  };
}
