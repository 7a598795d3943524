import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import { hasScope, SCOPES, type Scope } from "../src/auth/caller.js";
import type { GraphContext } from "../src/context.js";
import { ErrorCode } from "../src/errors.js";

/**
 * Checks `@Authorized("customers:read")` and `@Authorized("customers:write")` against the caller's scopes.
 * Whether there is a caller at all was settled before GraphQL ran (401 in src/server.ts); here a known caller
 * lacks a scope, which is FORBIDDEN, thrown before the resolver and so before any vendor call.
 */
export const scopeAuthChecker: AuthChecker<GraphContext, Scope> = ({ context }, required) => {
  assertScopes(context, required);
  return true;
};

/** The same check for resolvers type-graphql's @Authorized does not reach (federation's __resolveReference). */
export function assertScopes(context: GraphContext, required: readonly Scope[]): void {
  const missing = required.filter((scope) => !SCOPES.includes(scope) || !hasScope(context.caller, scope));
  if (missing.length === 0) return;
  throw new GraphQLError(`This API key lacks the ${missing.join(", ")} scope`, { extensions: { code: ErrorCode.FORBIDDEN } });
}
