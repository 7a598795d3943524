import { ErrorCode, VendorError } from "../errors.js";
import type { SourceName } from "../model.js";
import { vendorCallsRefused } from "../metrics/budget-metrics.js";
import type { VendorQuotas } from "./vendor-quotas.js";

/** A read answered from the response cache because the vendor's quota was spent: how old the answer is. */
export interface StaleAnswer {
  source: SourceName;
  ageSeconds: number;
}

/**
 * One request's vendor calls, counted as they are made (every attempt on the wire: retries and token requests
 * included, as the vendor counts them), against the request's limit (MAX_VENDOR_CALLS). It is the runtime half of
 * the request bound: whatever the estimate said, once `limit` calls are made every further call of the request
 * fails at once with TOO_MANY_VENDOR_CALLS, at the path of the field that needed it. The request's context hands
 * it down to each vendor call it starts (Source methods take it, VendorRequest.meter carries it to the wire):
 * explicitly, because an AsyncLocalStorage would turn on Node 20's promise hooks for every promise in the process
 * (25-35% more CPU for a request of many vendor calls).
 */
export class RequestMeter {
  /** Set by the budget plugin once the operation is analysed (0 before, and for operations it refused). */
  estimated = 0;
  private made = 0;
  private readonly perSource = new Map<SourceName, number>();
  private readonly staleAnswers = new Map<SourceName, number>();

  private finished = false;

  constructor(
    readonly limit: number,
    /** The server's vendor quotas, which every call of the request spends too. */
    readonly quotas?: VendorQuotas,
  ) {}

  get actual(): number {
    return this.made;
  }

  /**
   * Counts one call about to be made, or throws TOO_MANY_VENDOR_CALLS when the request has none left (counting
   * nothing). Synchronous, so that concurrent calls of one request can never pass the limit together.
   */
  take(source: SourceName, operation: string): void {
    if (this.finished) {
      // A read the answer did not wait for (a page's early read of the next vendor it ended up not needing):
      // nobody will see what it brings, so it is not made.
      throw new VendorError(ErrorCode.TOO_MANY_VENDOR_CALLS, source, "the request was already answered", { operation });
    }
    if (this.made >= this.limit) {
      vendorCallsRefused.inc({ source, reason: "request_limit" });
      throw new VendorError(ErrorCode.TOO_MANY_VENDOR_CALLS, source, `request limit of ${this.limit} vendor calls reached`, { operation });
    }
    this.made += 1;
    this.perSource.set(source, (this.perSource.get(source) ?? 0) + 1);
  }

  /** A taken call that was not made after all (the vendor's quota refused it). */
  giveBack(source: SourceName): void {
    this.made -= 1;
    this.perSource.set(source, (this.perSource.get(source) ?? 1) - 1);
    if (this.perSource.get(source) === 0) this.perSource.delete(source);
  }

  /** The response is going out: what it reports is final, and no further call is made for it. */
  finish(): void {
    this.finished = true;
  }

  bySource(): Partial<Record<SourceName, number>> {
    return Object.fromEntries(this.perSource);
  }

  /** Keeps the oldest answer per source: that is what the client should know about. */
  noteStale(answer: StaleAnswer): void {
    const before = this.staleAnswers.get(answer.source);
    if (before === undefined || answer.ageSeconds > before) this.staleAnswers.set(answer.source, answer.ageSeconds);
  }

  stale(): StaleAnswer[] {
    return [...this.staleAnswers].map(([source, ageSeconds]) => ({ source, ageSeconds }));
  }
}
