import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, parse, specifiedRules, type ParseOptions, type ValidationRule } from "graphql";
import { isIntrospectionField } from "../limits/introspection.js";
import type { DocumentStore } from "./document-store.js";
import { passesRules } from "./document-validity.js";

/**
 * Validates each document Apollo has not seen before Apollo does, with graphql's own rules, and stores it in
 * Apollo's document store when it passes, so that Apollo finds it there and neither parses nor validates it.
 * Apollo 5 validates with graphql's validate(), whose set-up reads every rule's handlers for every node kind, about
 * 0.2 ms a document in the server (lazy-parallel-visitor.ts); it has no option for another validator.
 *
 * Nothing is decided here that Apollo would decide otherwise: a document is stored only when it passes every rule
 * Apollo would apply (graphql's specified rules, Apollo's refusal of introspection where it is off, and the
 * server's own `validationRules`; Apollo's maxRecursiveSelections is not turned on). Any other
 * document is left alone, and Apollo parses and validates it as before, so a client sees Apollo's own errors, all
 * of them, worded as always. A text over the token limit fails the same parse options here as there.
 */
export function prevalidationPlugin<TContext extends object>(
  store: DocumentStore,
  options: { parseOptions: ParseOptions; introspection: boolean; validationRules: readonly ValidationRule[] },
): ApolloServerPlugin<TContext> {
  const rules = [...specifiedRules, ...(options.introspection ? [] : [noIntrospectionRule]), ...options.validationRules];
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ source, queryHash, schema }) {
          if (store.has(queryHash)) return;
          let document;
          try {
            document = parse(source, options.parseOptions);
          } catch {
            return; // Apollo parses it again and answers with the syntax error
          }
          if (passesRules(schema, document, rules)) store.remember(queryHash, document);
        },
      };
    },
  };
}

/**
 * Apollo's NoIntrospection (not exported by @apollo/server), which it adds when introspection is off: a field named
 * __schema or __type anywhere. Only whether it fires matters here; Apollo's own rule words the error.
 */
const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (isIntrospectionField(node.name.value)) {
      context.reportError(new GraphQLError("introspection is off"));
    }
  },
});
