import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { graphqlDuration, graphqlOperations } from "./registry.js";

/** The operation types a label can take: bounded, so a caller cannot grow the metric's series. */
type OperationType = "query" | "mutation" | "unknown";

/**
 * Counts every GraphQL operation Apollo answers by type and outcome and times it, from the start of the
 * request's pipeline (parsing included) to the response. A document that does not parse or validate has no
 * operation type: it counts as "unknown" with outcome "errors", which is what makes abusive queries visible. So
 * does a subscription, which is refused (no-subscriptions.plugin.ts): it ran no more than an invalid document.
 *
 * Registered after any plugin that adds errors in willSendResponse (partial vendor failures), because Apollo
 * calls the listeners in registration order and this one reads the errors already there.
 */
export function graphqlMetricsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const stopTimer = graphqlDuration.startTimer();
      return {
        async willSendResponse({ operation, response }) {
          const kind = operation?.operation;
          const type: OperationType = kind === "query" || kind === "mutation" ? kind : "unknown";
          const body = response.body;
          const failed = body.kind === "single" ? (body.singleResult.errors?.length ?? 0) > 0 : false;
          graphqlOperations.inc({ type, outcome: failed ? "errors" : "ok" });
          stopTimer({ type });
        },
      };
    },
  };
}
