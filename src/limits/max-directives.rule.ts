import { Kind, type DirectiveNode, type SelectionSetNode, type ValidationRule } from "graphql";
import { ErrorCode } from "../errors.js";
import { queryLimitError } from "./limit-error.js";

/**
 * Refuses an operation with more than `maxDirectives` directive uses: on the operation, its variables, fields,
 * inline fragments, spreads and the fragments they expand (once per spread, as execution sees them).
 */
export function maxDirectivesRule(maxDirectives: number): ValidationRule {
  return (context) => {
    const fragmentCounts = new Map<string, number>();
    const used = (directives: readonly DirectiveNode[] | undefined) => directives?.length ?? 0;
    const directivesIn = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let count = 0;
      for (const selection of set?.selections ?? []) {
        count += used(selection.directives);
        if (selection.kind === Kind.FRAGMENT_SPREAD) count += fragmentDirectives(selection.name.value, visiting);
        else count += directivesIn(selection.selectionSet, visiting);
      }
      return count;
    };
    const fragmentDirectives = (name: string, visiting: Set<string>): number => {
      const known = fragmentCounts.get(name);
      if (known !== undefined) return known;
      if (visiting.has(name)) return 0; // a cycle: NoFragmentCyclesRule reports it
      visiting.add(name);
      const fragment = context.getFragment(name);
      const count = used(fragment?.directives) + directivesIn(fragment?.selectionSet, visiting);
      visiting.delete(name);
      fragmentCounts.set(name, count);
      return count;
    };
    return {
      OperationDefinition(operation) {
        const count =
          used(operation.directives) +
          (operation.variableDefinitions ?? []).reduce((sum, v) => sum + used(v.directives), 0) +
          directivesIn(operation.selectionSet, new Set());
        if (count > maxDirectives) {
          context.reportError(
            queryLimitError(
              ErrorCode.TOO_MANY_DIRECTIVES,
              `Query uses ${count} directives; the limit is ${maxDirectives} (MAX_DIRECTIVES)`,
              operation,
            ),
          );
        }
      },
    };
  };
}
