import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import { ErrorCode } from "../errors.js";
import { queryLimitError } from "./limit-error.js";
import { argumentValue, listLength, pageSizeOf, variablesOf, type VariableValues } from "./argument-values.js";

export interface CostLimit {
  maxCost: number;
  /** The request's variables, so `first: $n` counts what $n is. */
  variables: VariableValues | undefined;
  /** Edges a connection answers without first/last, and at most. */
  page: { defaultSize: number; maxSize: number };
}

/**
 * Refuses an operation whose cost, an upper bound of the records it can make the vendors read, is above
 * `maxCost`. Leaves (scalars, enums, __typename) cost nothing; every object or list field costs 1 plus what it
 * selects, times how many of it there will be: a connection field (one with first/last) multiplies by its page
 * size, a list field with a list argument (nodes(ids)) by that list's length. So
 * `customers(first: 500) { nodes { contacts(first: 500) { nodes { name } } } }` costs 1 + 500 * (1 + 1 + 500)
 * = 251001. Fragments cost what they expand to; inline fragments on different types are added up (an upper
 * bound). Introspection costs nothing: it never reaches a vendor.
 */
export function maxCostRule(limit: CostLimit): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const variables = variablesOf(operation, limit.variables);
      // Per operation: a fragment's cost depends on the variables, and each operation has its own defaults.
      const fragmentCosts = new Map<string, number>();

      const costOf = (set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, visiting: Set<string>): number => {
        let cost = 0;
        for (const selection of set?.selections ?? []) {
          if (selection.kind === Kind.FIELD) {
            cost += fieldCost(selection, parent, visiting);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
            cost += costOf(selection.selectionSet, type, visiting);
          } else {
            cost += fragmentCost(selection.name.value, visiting);
          }
        }
        return cost;
      };
      const fieldCost = (node: FieldNode, parent: GraphQLNamedType | undefined, visiting: Set<string>): number => {
        if (node.name.value.startsWith("__")) return 0;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
        if (!field) return 0; // unknown fields are FieldsOnCorrectTypeRule's to report
        const type = getNamedType(field.type);
        if (isLeafType(type)) return 0;
        return 1 + multiplierOf(node, field, variables) * costOf(node.selectionSet, type, visiting);
      };
      const fragmentCost = (name: string, visiting: Set<string>): number => {
        const known = fragmentCosts.get(name);
        if (known !== undefined) return known;
        const fragment = context.getFragment(name);
        if (!fragment || visiting.has(name)) return 0; // unknown or cyclic: other rules report them
        visiting.add(name);
        const cost = costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), visiting);
        visiting.delete(name);
        fragmentCosts.set(name, cost);
        return cost;
      };

      const multiplierOf = (node: FieldNode, field: GraphQLField<unknown, unknown>, values: VariableValues): number => {
        if (field.args.some((a) => a.name === "first" || a.name === "last")) return pageSizeOf(node, values, limit.page);
        if (!isListType(getNullableType(field.type))) return 1;
        const listArgument = field.args.find((a) => isListType(getNullableType(a.type)));
        return listArgument ? listLength(argumentValue(node, listArgument.name, values)) : 1;
      };

      const cost = costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, new Set());
      if (cost > limit.maxCost) {
        context.reportError(
          queryLimitError(
            ErrorCode.QUERY_TOO_COSTLY,
            `Query cost ${cost} exceeds the limit of ${limit.maxCost} (MAX_COST): each connection multiplies the cost ` +
              `of what it selects by its page size (first or last, default ${limit.page.defaultSize}), a list ` +
              `field by the length of its list argument`,
            operation,
          ),
        );
      }
    },
  });
}
