import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from "cockatiel";
import { VendorError } from "../../errors.js";

type Context = IRetryBackoffContext<unknown>;

/**
 * Waits as long as the vendor's Retry-After says when the failed attempt carried one (a 429, or a 503 that
 * says when to come back), and otherwise as the fallback backoff (exponential with jitter) says. The rules
 * decide beforehand whether a Retry-After is short enough to wait at all (retry-rules.ts).
 */
export class RetryAfterBackoff implements IBackoffFactory<Context> {
  constructor(private readonly fallback: IBackoffFactory<Context>) {}

  next(context: Context): IBackoff<Context> {
    const fallback = this.fallback.next(context);
    const error = "error" in context.result ? context.result.error : undefined;
    const asked = error instanceof VendorError ? error.options.retryAfterMs : undefined;
    return {
      duration: asked ?? fallback.duration,
      // The exponential sequence moves on even when the vendor set the wait, so a later plain failure backs off further.
      next: (nextContext) => new RetryAfterBackoff(fallback).next(nextContext),
    };
  }
}
