import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { VendorError } from "./errors.js";

/** Errors of a field that still answered with data (a cross-vendor list missing one failed vendor). */
export interface PartialErrors {
  add(error: VendorError, path: ReadonlyArray<string | number>): void;
  list(): ReadonlyArray<{ error: VendorError; path: ReadonlyArray<string | number> }>;
}

export function createPartialErrors(): PartialErrors {
  const entries: Array<{ error: VendorError; path: ReadonlyArray<string | number> }> = [];
  return { add: (error, path) => void entries.push({ error, path }), list: () => entries };
}

/**
 * GraphQL can only report an error where a field is null; a list that answered with every vendor but one
 * is not null, so its vendor's error is added to the response here, at the list's path, with the same
 * public text and codes as any vendor error (error-format.ts).
 */
export function partialErrorsPlugin<C extends { partialErrors: PartialErrors }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const partial = contextValue.partialErrors.list();
          if (partial.length === 0 || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.errors = [
            ...(result.errors ?? []),
            ...partial.map(({ error, path }) =>
              new GraphQLError(error.message, { path, extensions: { code: error.code, source: error.source } }).toJSON(),
            ),
          ];
        },
      };
    },
  };
}
