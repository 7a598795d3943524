import { valueFromASTUntyped, type FieldNode, type OperationDefinitionNode } from "graphql";

/**
 * What an operation's arguments will be at execution, as far as can be told before it: the request's variables
 * over the operation's declared defaults. Validation runs before graphql-js coerces variables, so values here
 * are raw JSON and every reader must cope with a wrong type (coercion refuses those later, before any call).
 */
export type VariableValues = Record<string, unknown>;

export function variablesOf(operation: OperationDefinitionNode, provided: VariableValues | undefined): VariableValues {
  // No prototype: `$constructor` must read as absent, not as Object's constructor.
  const values: VariableValues = Object.create(null);
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return Object.assign(values, provided);
}

export function argumentValue(field: FieldNode, name: string, variables: VariableValues): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables) : undefined;
}

/**
 * The page a connection field will read: `first` or `last`, the default when neither is given, and the page cap
 * when a value cannot be told (a variable of the wrong type): assuming the worst is what keeps the cost an
 * upper bound. Values above the cap count as the cap: the resolver refuses them (BAD_USER_INPUT) anyway.
 */
export function pageSizeOf(
  field: FieldNode,
  variables: VariableValues,
  page: { defaultSize: number; maxSize: number },
): number {
  const sizes = ["first", "last"]
    .map((name) => argumentValue(field, name, variables))
    .filter((value) => value !== undefined && value !== null)
    .map((value) => (Number.isInteger(value) ? Math.min(Math.max(value as number, 0), page.maxSize) : page.maxSize));
  return sizes.length === 0 ? page.defaultSize : Math.max(...sizes);
}

/**
 * How many items a list argument holds: graphql coerces a single value to a list of one; an absent list
 * counts as one, since what the field then answers is not told by its arguments.
 */
export function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 1;
}
