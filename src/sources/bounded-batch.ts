import pLimit, { type LimitFunction } from "p-limit";
import type { RequestMeter } from "../budget/request-meter.js";

/**
 * One vendor's bound for one request (src/loaders.ts keeps one per vendor per request and passes it to every
 * batch read), so that all bounded batches of that vendor in the request (several DataLoader batches, detail
 * reads and related lists) share one bound of `concurrency` calls in flight instead of one bound per batch.
 * Passed explicitly rather than through AsyncLocalStorage, whose promise hooks cost memory and CPU for every
 * promise in the process.
 */
export interface RequestLimit {
  limit?: LimitFunction;
  /** The request's meter, which every call of these batches is charged to (see VendorRequest.meter). */
  meter?: RequestMeter;
}

/**
 * Runs one vendor call per key with at most `concurrency` in flight, for vendors with no batch read (RPM's
 * Customer, WMS's and Connect's GET by id). With a request's limit the bound is shared with the request's other
 * batches of the same vendor; a batch must then not run another bounded batch inside its calls (it would wait
 * for a slot its caller holds). A failure costs only its own key: it is returned in that key's place, as
 * DataLoader expects, instead of failing the whole batch.
 */
export async function mapBounded<K, V>(
  keys: readonly K[],
  concurrency: number,
  call: (key: K) => Promise<V>,
  shared?: RequestLimit,
): Promise<Array<V | Error>> {
  const limit = shared ? (shared.limit ??= pLimit(Math.max(1, concurrency))) : pLimit(Math.max(1, concurrency));
  return Promise.all(
    keys.map((key) => limit(() => call(key).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))))),
  );
}
