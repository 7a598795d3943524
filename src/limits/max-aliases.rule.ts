import { Kind, type SelectionSetNode, type ValidationRule } from "graphql";
import { ErrorCode } from "../errors.js";
import { queryLimitError } from "./limit-error.js";

/**
 * Refuses an operation with more than `maxAliases` aliases. Every alias counts, `__typename` ones too (an
 * alias is how one request asks for the same field many times over), and a fragment's aliases count once per
 * spread, as execution expands it: a fragment of 10 aliases spread 10 times is 100.
 */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context) => {
    const fragmentCounts = new Map<string, number>();
    const aliasesIn = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let count = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          count += (selection.alias ? 1 : 0) + aliasesIn(selection.selectionSet, visiting);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet, visiting);
        } else {
          count += fragmentAliases(selection.name.value, visiting);
        }
      }
      return count;
    };
    const fragmentAliases = (name: string, visiting: Set<string>): number => {
      const known = fragmentCounts.get(name);
      if (known !== undefined) return known;
      if (visiting.has(name)) return 0; // a cycle: NoFragmentCyclesRule reports it
      visiting.add(name);
      const count = aliasesIn(context.getFragment(name)?.selectionSet, visiting);
      visiting.delete(name);
      fragmentCounts.set(name, count);
      return count;
    };
    return {
      OperationDefinition(operation) {
        const count = aliasesIn(operation.selectionSet, new Set());
        if (count > maxAliases) {
          context.reportError(
            queryLimitError(
              ErrorCode.TOO_MANY_ALIASES,
              `Query uses ${count} aliases; the limit is ${maxAliases} (MAX_ALIASES)`,
              operation,
            ),
          );
        }
      },
    };
  };
}
