import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphContext } from "../context.js";
import { ErrorCode } from "../errors.js";
import type { VendorCallEstimate } from "../limits/vendor-call-estimate.js";
import { requestsRefusedForBudget } from "../metrics/budget-metrics.js";
import { peekPosition } from "../pagination/position-codec.js";
import type { BudgetStanding, Reservation } from "./caller-budgets.js";
import { EstimateCache } from "./estimate-cache.js";

/**
 * The vendor budget on every request: before anything runs, the operation's vendor calls are estimated
 * (src/limits/vendor-call-estimate.ts, remembered per document and variables by src/budget/estimate-cache.ts);
 * over MAX_VENDOR_CALLS it is refused (HTTP 400, TOO_MANY_VENDOR_CALLS); over what the caller has left in its
 * window, refused too (HTTP 429, THROTTLED, Retry-After). Otherwise the
 * estimate is reserved from the caller's budget and settled to the calls made when the response goes out. Every
 * response says what it cost in `extensions.cost` (and which answers came stale from the cache, `extensions.stale`).
 */
export function vendorBudgetPlugin(): ApolloServerPlugin<GraphContext> {
  const estimates = new EstimateCache();
  return {
    async requestDidStart() {
      let reservation: Reservation | undefined;
      let standing: BudgetStanding | undefined;
      return {
        async didResolveOperation({ document, request, contextValue: ctx }) {
          // No meter: a context that accounts nothing (the server installs this plugin only when it accounts).
          const meter = ctx.meter;
          if (!meter) return;
          const estimate = estimates.estimate(document, request.operationName, request.variables, {
            sources: [...ctx.sources.values()],
            listLength: (source) => ctx.budget.listSizes.get(source),
            decodeCursor: (cursor) => peekPosition(ctx.cursors, cursor),
            cacheChecks: ctx.responseCache !== undefined,
          });
          meter.estimated = estimate.total;
          if (estimate.total > meter.limit) {
            requestsRefusedForBudget.inc({ reason: "estimate" });
            throw tooManyVendorCalls(estimate, meter.limit);
          }
          reservation = await ctx.budget.callers.reserve(ctx.caller, estimate.total);
          standing = reservation?.standing;
          if (reservation && !reservation.granted) {
            requestsRefusedForBudget.inc({ reason: "caller_budget" });
            throw throttled(reservation.standing, estimate.total);
          }
        },
        async willSendResponse({ response, contextValue: ctx }) {
          const meter = ctx.meter;
          if (!meter) return;
          meter.finish();
          ctx.noteListLengths();
          if (reservation?.granted) standing = await reservation.settle(meter.actual);
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const stale = meter.stale();
          result.extensions = {
            ...result.extensions,
            cost: {
              vendorCalls: { estimated: meter.estimated, actual: meter.actual, bySource: meter.bySource() },
              ...(standing ? { caller: { ...standing, resetsAt: standing.resetsAt.toISOString() } } : {}),
            },
            ...(stale.length > 0 ? { stale } : {}),
          };
        },
      };
    },
  };
}

function tooManyVendorCalls(estimate: VendorCallEstimate, limit: number): GraphQLError {
  const top = estimate.top ? `; most from ${estimate.top.field} (${estimate.top.calls})` : "";
  return new GraphQLError(
    `This operation may make up to ${estimate.total} vendor calls, over the limit of ${limit} (MAX_VENDOR_CALLS)${top}. ` +
      "Ask for smaller pages, fewer aliases, or fields that need no call per customer.",
    { extensions: { code: ErrorCode.TOO_MANY_VENDOR_CALLS, http: { status: 400 } } },
  );
}

function throttled(standing: BudgetStanding, estimate: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil((standing.resetsAt.getTime() - Date.now()) / 1000));
  return new GraphQLError(
    `This API key's budget of vendor calls is spent: the operation may make ${estimate}, ${standing.remaining} of ` +
      `${standing.limit} remain until ${standing.resetsAt.toISOString()} (retry after ${retryAfter} s)`,
    {
      extensions: {
        code: ErrorCode.THROTTLED,
        // Apollo reads a Map here; graphql-yoga's typings (the gateway's, in the same program) declare a record.
        http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfter)]]) as unknown as Record<string, string> },
      },
    },
  );
}
