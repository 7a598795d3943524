import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from "cockatiel";
import type { Resilience } from "../../config.js";
import { ErrorCode, VendorError } from "../../errors.js";
import type { SourceName } from "../../model.js";
import { RetryAfterBackoff } from "./retry-after-backoff.js";
import { isRetryable, tripsBreaker } from "./retry-rules.js";
import { recordCircuit } from "./vendor-call-metrics.js";

/** The same defaults as config.ts's VENDOR_* variables, for clients built without configuration (tests). */
export const DEFAULT_RESILIENCE: Resilience = {
  retries: 2,
  breakerFailures: 5,
  breakerHalfOpenMs: 10_000,
  bulkhead: 32,
  bulkheadQueue: 2000,
};

/** First retry after about this long, doubling with jitter, never more than the max (the caller is waiting). */
const BACKOFF = { initialDelay: 100, maxDelay: 2_000 };

/** What a call needs the policies to know about it. */
export interface PolicyRequest {
  operation: string;
  /** Safe to send twice with the same effect; only such calls are retried. */
  idempotent: boolean;
}

/**
 * One vendor's resilience, shared by every request to it (one per VendorClient, so one per Source):
 *
 *   run: retry (calls safe to repeat only), around each attempt
 *     guard: circuit breaker, around the exchange and the reading of its answer
 *       exchange: bulkhead, around the network exchange alone
 *
 * The breaker sits inside the retry so that every attempt counts and an open circuit stops the retries. An
 * attempt's credential hooks run outside the guard: a hook may make a request of its own (WMS fetches a token),
 * and inside the guard that request would wait for the breaker's half-open trial it is itself part of.
 */
export class VendorPolicies {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;
  private readonly bulkhead: BulkheadPolicy;
  /** Errors our own policies raised (circuit open, bulkhead full): no vendor was asked, so nothing to retry or count. */
  private readonly refusals = new WeakSet<VendorError>();
  /**
   * Errors that are the final outcome of a whole request, retries done. When one surfaces inside another request's
   * attempt (a token fetch failing under a customer read), the outer request passes it on rather than retry it:
   * the inner request has already had its retries.
   */
  private readonly settled = new WeakSet<object>();

  constructor(
    private readonly source: SourceName,
    settings: Resilience,
  ) {
    this.breaker = circuitBreaker(
      handleWhen((err) => this.fresh(err) && tripsBreaker(err)),
      { halfOpenAfter: settings.breakerHalfOpenMs, breaker: new ConsecutiveBreaker(settings.breakerFailures) },
    );
    this.breaker.onStateChange((state) => recordCircuit(source, state !== CircuitState.Closed));
    recordCircuit(source, false);
    this.retry = retry(handleWhen((err) => this.fresh(err) && isRetryable(err)), {
      maxAttempts: settings.retries,
      backoff: new RetryAfterBackoff(new ExponentialBackoff(BACKOFF)),
    });
    this.bulkhead = bulkhead(settings.bulkhead, settings.bulkheadQueue);
  }

  /** Runs one request: `attempt` once, or more often for a call that is safe to repeat. */
  async run<T>(req: PolicyRequest, attempt: () => Promise<T>): Promise<T> {
    // Once one copy of a write may have landed, the request's outcome stays unknown unless a later copy succeeds:
    // a retry that is refused (circuit open, bulkhead full) or fails proves nothing about the first copy.
    const seen: { unknownOutcome?: VendorError } = {};
    const tracked = async () => {
      try {
        return await attempt();
      } catch (err) {
        if (err instanceof VendorError && err.code === ErrorCode.UPSTREAM_OUTCOME_UNKNOWN) seen.unknownOutcome = err;
        throw err;
      }
    };
    try {
      // A write that is not safe to repeat is sent once whatever happens: a second copy could apply it twice.
      return await (req.idempotent ? this.retry.execute(() => tracked()) : tracked());
    } catch (err) {
      const final = seen.unknownOutcome ?? err;
      if (typeof final === "object" && final !== null) this.settled.add(final);
      throw final;
    }
  }

  /** Runs one exchange and the reading of its answer through the vendor's circuit breaker. */
  async guard<T>(req: PolicyRequest, exchange: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(() => exchange());
    } catch (err) {
      if (err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError) {
        throw this.refuse(req, "circuit open after repeated failures");
      }
      throw err;
    }
  }

  /** Runs one network exchange within the vendor's concurrency limit; beyond the limit and its queue, refuses. */
  async exchange<T>(req: PolicyRequest, send: () => Promise<T>): Promise<T> {
    try {
      return await this.bulkhead.execute(() => send());
    } catch (err) {
      if (err instanceof BulkheadRejectedError) throw this.refuse(req, "too many calls in flight and queued");
      throw err;
    }
  }

  /** False while the circuit refuses calls, and until a half-open trial call has succeeded. */
  circuitClosed(): boolean {
    return this.breaker.state === CircuitState.Closed;
  }

  isRefusal(err: unknown): boolean {
    return err instanceof VendorError && this.refusals.has(err);
  }

  /** A failure of this attempt itself, not one our policies made up or one another request already settled. */
  private fresh(err: unknown): boolean {
    return !this.isRefusal(err) && !this.settled.has(err as object);
  }

  private refuse(req: PolicyRequest, why: string): VendorError {
    const err = new VendorError(ErrorCode.UPSTREAM_UNAVAILABLE, this.source, `not sent: ${why}`, {
      operation: req.operation,
    });
    this.refusals.add(err);
    return err;
  }
}
