import type { ApolloServerPlugin } from "@apollo/server";
import {
  getEnterLeaveForKind,
  GraphQLError,
  Kind,
  TypeInfo,
  ValidationContext,
  visit,
  visitInParallel,
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import type { QueryLimits } from "../config.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/connection-args.js";
import type { VariableValues } from "./argument-values.js";
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
 * ValidationRules (one per file). The token limit is not here: it must stop the parser itself (Apollo's
 * parseOptions.maxTokens, see server.ts).
 *
 * What does not depend on the variables is worked out once per document: Apollo hands the same DocumentNode
 * for the same query text (its document cache), so a repeated query costs only the variable checks. A document
 * that breaks a limit regardless of its variables takes the whole check again on every request (it is refused
 * anyway), so the error a client sees is always the first the rules report, as it was before the cache.
 */
export function queryLimitsPlugin<TContext extends object>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  const page = { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE };
  const allRules = (variables: VariableValues | undefined): ValidationRule[] => [
    maxDepthRule(limits.maxDepth),
    maxAliasesRule(limits.maxAliases),
    maxDirectivesRule(limits.maxDirectives),
    maxStringLengthRule({ maxLength: limits.maxStringArg, variables }),
    maxCostRule({ maxCost: limits.maxCost, variables, page }),
  ];
  // Per document: whether the rules find nothing in it without variables, and whether its cost can depend on
  // them (only through variables it declares). Weak: a document Apollo's cache drops is dropped here too.
  const analyses = new WeakMap<DocumentNode, { schema: GraphQLSchema; clean: boolean; costUsesVariables: boolean }>();
  const analyse = (schema: GraphQLSchema, document: DocumentNode) => {
    let known = analyses.get(document);
    if (known?.schema !== schema) {
      const costUsesVariables = document.definitions.some(
        (d) => d.kind === Kind.OPERATION_DEFINITION && (d.variableDefinitions?.length ?? 0) > 0,
      );
      // No string literal is longer than the query text: a short one needs no look at its literals.
      const body = document.loc?.source.body;
      const literalsFit = body !== undefined && body.length <= limits.maxStringArg;
      const clean = literalsFit
        ? !onOperations(schema, document, allRules(undefined))
        : firstError(schema, document, allRules(undefined)) === undefined;
      known = { schema, clean, costUsesVariables };
      analyses.set(document, known);
    }
    return known;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const { clean, costUsesVariables } = analyse(schema, document);
          let first: GraphQLError | undefined;
          if (!clean) {
            first = firstError(schema, document, allRules(request.variables));
          } else if (request.variables && Object.keys(request.variables).length > 0) {
            // Only variables can break a limit now: a long string among them (reported first, as the string
            // rule does on entering the document), or a page size that makes the cost too high.
            first =
              onDocument(schema, document, maxStringLengthRule({ maxLength: limits.maxStringArg, variables: request.variables })) ??
              (costUsesVariables ? onOperations(schema, document, [maxCostRule({ maxCost: limits.maxCost, variables: request.variables, page })]) : undefined);
          }
          // One error is enough to refuse; each carries its code and http status 400 (limit-error.ts).
          if (first) throw first;
        },
      };
    },
  };
}

/**
 * The first error the rules' OperationDefinition handlers report, operation by operation in document order, as
 * a visit would call them, without walking the rest of the document: those rules walk selections themselves
 * (the string rule has no such handler: its literals are looked at only when the text is long enough).
 */
function onOperations(schema: GraphQLSchema, document: DocumentNode, rules: ValidationRule[]): GraphQLError | undefined {
  const { context, first } = firstErrorContext(schema, document);
  const handlers = rules.map((rule) => enterOf(rule(context), Kind.OPERATION_DEFINITION));
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const handler of handlers) handler?.(definition);
    if (first()) break;
  }
  return first();
}

/** The error a rule's Document handler reports (the string rule's check of the variables). */
function onDocument(schema: GraphQLSchema, document: DocumentNode, rule: ValidationRule): GraphQLError | undefined {
  const { context, first } = firstErrorContext(schema, document);
  enterOf(rule(context), Kind.DOCUMENT)?.(document);
  return first();
}

function enterOf(visitor: ASTVisitor, kind: Kind): ((node: ASTNode) => void) | undefined {
  const { enter } = getEnterLeaveForKind(visitor, kind);
  return enter && ((node: ASTNode) => void enter.call(visitor, node, undefined, undefined, [], []));
}

/**
 * The first error the rules report, as graphql's validate() would, without its TypeInfo pass (these rules
 * read the schema and fragments only, never the visitor's type information) and stopping at the first error.
 */
function firstError(schema: GraphQLSchema, document: DocumentNode, rules: ValidationRule[]): GraphQLError | undefined {
  const { context, first } = firstErrorContext(schema, document);
  visit(document, visitInParallel(rules.map((rule) => rule(context))));
  return first();
}

/** A validation context for the rules that keeps the first error they report: one is enough to refuse. */
function firstErrorContext(schema: GraphQLSchema, document: DocumentNode) {
  let first: GraphQLError | undefined;
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => {
    first ??= error;
  });
  return { context, first: () => first };
}
