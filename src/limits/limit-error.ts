import { GraphQLError, type ASTNode } from "graphql";
import type { ErrorCode } from "../errors.js";

/**
 * The error every query limit reports: its message names the limit, its value, its environment variable and
 * what the request asked for; `http.status` makes Apollo answer 400 (Apollo reads it and removes it from the
 * extensions the client sees), so a refused query is a client error, not a 200 or a 500.
 */
export function queryLimitError(code: ErrorCode, message: string, nodes?: ASTNode | readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code, http: { status: 400 } } });
}
