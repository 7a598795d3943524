import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { SharedState } from "./shared-state.js";

/**
 * A persisted query Apollo gives no lifetime is kept this long: short, because each registration may be as large
 * as a request body, and a client whose hash is no longer known only sends the query text again.
 */
const DEFAULT_TTL_MS = 900_000;

/**
 * Apollo's automatic persisted queries (APQ) kept in Redis, so a query registered through one instance is found
 * by its hash on every other. A miss (Redis lost included) only makes the client send the query text again.
 */
export function persistedQueryCache(state: SharedState): KeyValueCache<string> {
  const keyOf = (key: string) => `apq:${key}`;
  return {
    get: (key) => state.get(keyOf(key)),
    set: (key: string, value: string, options?: KeyValueCacheSetOptions) =>
      state.set(keyOf(key), value, typeof options?.ttl === "number" && options.ttl > 0 ? options.ttl * 1000 : DEFAULT_TTL_MS),
    delete: (key) => state.delete(keyOf(key)),
  };
}
