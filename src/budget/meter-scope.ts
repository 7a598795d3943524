import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestMeter } from "./request-meter.js";

/**
 * The request a vendor call is made for. Vendor clients are shared by every request, and a call can start deep
 * below the graph (a retry, a token renewal, a cache's change check), so the call is attributed by the async
 * context it runs in rather than by a parameter threaded through every Source method. server.ts runs each
 * GraphQL request inside `withMeter`.
 */
const scope = new AsyncLocalStorage<RequestMeter>();

export function withMeter<T>(meter: RequestMeter, fn: () => T): T {
  return scope.run(meter, fn);
}

/** The meter of the request this code runs for; undefined outside any request. */
export function currentMeter(): RequestMeter | undefined {
  return scope.getStore();
}
