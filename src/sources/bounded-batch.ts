import { AsyncLocalStorage } from "node:async_hooks";
import pLimit, { type LimitFunction } from "p-limit";

/** One vendor's limit for one request: created by the first bounded batch that runs under it. */
export interface RequestLimit {
  limit?: LimitFunction;
}

const requestLimits = new AsyncLocalStorage<RequestLimit>();

/**
 * Runs `call` (a Source's batch read) under one request's limit for its vendor, so that every bounded batch of
 * that vendor in the request (several DataLoader batches, detail reads and related lists) shares one bound of
 * `concurrency` calls in flight, instead of one bound per batch (src/loaders.ts keeps one per vendor per request).
 */
export function underRequestLimit<T>(scope: RequestLimit, call: () => Promise<T>): Promise<T> {
  return requestLimits.run(scope, call);
}

/**
 * Runs one vendor call per key with at most `concurrency` in flight, for vendors with no batch read (RPM's
 * Customer, WMS's and Connect's GET by id). Under a request's limit (underRequestLimit) the bound is shared with
 * the request's other batches of the same vendor; a batch must then not run another bounded batch inside its
 * calls (it would wait for a slot its caller holds). A failure costs only its own key: it is returned in that
 * key's place, as DataLoader expects, instead of failing the whole batch.
 */
export async function mapBounded<K, V>(
  keys: readonly K[],
  concurrency: number,
  call: (key: K) => Promise<V>,
): Promise<Array<V | Error>> {
  const scope = requestLimits.getStore();
  const limit = scope ? (scope.limit ??= pLimit(Math.max(1, concurrency))) : pLimit(Math.max(1, concurrency));
  return Promise.all(
    keys.map((key) => limit(() => call(key).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))))),
  );
}
