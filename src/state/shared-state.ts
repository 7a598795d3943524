import type { Redis } from "ioredis";

/**
 * Every piece of state that outlives a request and must hold for the whole deployment, not one process: vendor
 * quotas, caller budgets, the response cache, the WMS OAuth token, persisted queries, per-customer edit locks.
 * Chosen once at start (src/state/create-shared-state.ts): in process by default (nothing to install),
 * Redis when REDIS_URL is set.
 *
 * A Redis lost while running costs no request: every method here keeps working on this process's own copy
 * (misses, local locks) until Redis answers again; `available()` and a log line and a metric say which is in use.
 */
export interface SharedState {
  readonly kind: "in-process" | "redis";
  /**
   * The connection, for the libraries that speak Redis themselves (rate-limiter-flexible); absent in
   * process. Its `status` is "ready" while Redis answers.
   */
  readonly redis?: Redis;
  /** Whether the shared store answers right now (always true in process). */
  available(): boolean;
  /** A small value with a time to live (a token, a persisted query). Undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `fn` while holding the lock on `key`: one holder at a time in this process and, with Redis, across
   * instances. `ttlMs` frees the lock should its holder die without releasing it.
   */
  withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>): Promise<T>;
  /** Listeners learn when the shared store is lost and when it is back (true: available). */
  onAvailability(listener: (available: boolean) => void): void;
  close(): Promise<void>;
}
