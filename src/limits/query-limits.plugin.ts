import type { ApolloServerPlugin } from "@apollo/server";
import { validate } from "graphql";
import type { QueryLimits } from "../config.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/connection-args.js";
import { maxAliasesRule } from "./max-aliases.rule.js";
import { maxCostRule } from "./max-cost.rule.js";
import { maxDepthRule } from "./max-depth.rule.js";
import { maxDirectivesRule } from "./max-directives.rule.js";
import { maxStringLengthRule } from "./max-string-length.rule.js";

/**
 * Runs the query-limit rules on every request, after graphql's own validation and before execution, so a
 * refused query is HTTP 400 with its own code and no resolver (hence no vendor) runs.
 *
 * Why a plugin (didResolveOperation) and not Apollo's `validationRules`: cost and string length depend on the
 * request's variables (`first: $n`, a 1 MB `$search`), which validation rules do not see; Apollo caches a
 * document once it has validated, so a rule would not even run again for the same text with other variables;
 * and Apollo rewrites a validation rule's code to GRAPHQL_VALIDATION_FAILED. In didResolveOperation we have the
 * parsed document and request.variables on every request; the rules themselves stay plain graphql
 * ValidationRules (one per file), run here with graphql's validate(). The token limit is not here: it must
 * stop the parser itself (Apollo's parseOptions.maxTokens, see server.ts).
 */
export function queryLimitsPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const rules = [
            maxDepthRule(limits.maxDepth),
            maxAliasesRule(limits.maxAliases),
            maxDirectivesRule(limits.maxDirectives),
            maxStringLengthRule({ maxLength: limits.maxStringArg, variables: request.variables }),
            maxCostRule({
              maxCost: limits.maxCost,
              variables: request.variables,
              page: { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
            }),
          ];
          const [first] = validate(schema, document, rules);
          // One error is enough to refuse; each carries its code and http status 400 (limit-error.ts).
          if (first) throw first;
        },
      };
    },
  };
}
