import { Kind, type ASTNode, type ValidationRule } from "graphql";
import { ErrorCode } from "../errors.js";
import { queryLimitError } from "./limit-error.js";
import type { VariableValues } from "./argument-values.js";

export interface StringLengthLimit {
  maxLength: number;
  variables: VariableValues | undefined;
}

/**
 * Refuses a string argument longer than `maxLength` characters, written in the document (a 1 MB string literal
 * is one token, so the token limit does not catch it) or sent as a variable, however deep in an input object or
 * list. Nothing longer is ever needed (the longest documented input is a 2000-character custom field value), and
 * a huge search string would otherwise travel to the vendors or be matched against every record.
 */
export function maxStringLengthRule(limit: StringLengthLimit): ValidationRule {
  const tooLong = (what: string, length: number) =>
    `${what} is ${length} characters long; the limit is ${limit.maxLength} (MAX_STRING_ARG)`;
  return (context) => ({
    Document() {
      const found = longVariableString(limit.variables, limit.maxLength);
      if (found) context.reportError(queryLimitError(ErrorCode.ARGUMENT_TOO_LONG, tooLong(`Variable ${found.path}`, found.length)));
    },
    StringValue(node, _key, parent, _path, ancestors) {
      if (node.value.length <= limit.maxLength) return;
      const name = nameOf(parent ? [...ancestors, parent] : ancestors);
      context.reportError(queryLimitError(ErrorCode.ARGUMENT_TOO_LONG, tooLong(`Argument ${name}`, node.value.length), node));
    },
  });
}

/** The name of the argument or input field a literal belongs to, from its nearest named ancestor. */
function nameOf(ancestors: ReadonlyArray<ASTNode | ReadonlyArray<ASTNode>>): string {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i];
    if (Array.isArray(node) || !("kind" in node)) continue;
    const named = node as ASTNode;
    if (named.kind === Kind.ARGUMENT || named.kind === Kind.OBJECT_FIELD) return `"${named.name.value}"`;
    if (named.kind === Kind.VARIABLE_DEFINITION) return `default of $${named.variable.name.value}`;
  }
  return "(a string literal)";
}

/**
 * The first string in the variables longer than the limit, with its path (`$filter.search`). Walked with an
 * explicit stack: variables are caller JSON and may nest deeper than the call stack allows.
 */
function longVariableString(variables: VariableValues | undefined, maxLength: number): { path: string; length: number } | null {
  const stack: Array<[string, unknown]> = Object.entries(variables ?? {}).map(([name, value]) => [`$${name}`, value]);
  while (stack.length > 0) {
    const [path, value] = stack.pop()!;
    if (typeof value === "string") {
      if (value.length > maxLength) return { path, length: value.length };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([`${path}[${index}]`, item]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) stack.push([`${path}.${key}`, item]);
    }
  }
  return null;
}
