import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";

/**
 * The schema has no Subscription type and the server no transport for one, yet graphql 16 validates
 * `subscription { ... }` against such a schema and only fails when executing it, an error Apollo reports as
 * INTERNAL_SERVER_ERROR. The client asked for something not offered: 400 with its own code, before execution.
 */
export function noSubscriptionsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError("Subscriptions are not offered by this graph: use a query (and poll) instead", {
            extensions: { code: ErrorCode.SUBSCRIPTIONS_NOT_SUPPORTED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
