import { ErrorCode, VendorError } from "../../errors.js";

/**
 * The longest Retry-After we wait out inside one client request. A vendor asking for longer is better answered
 * at once with UPSTREAM_RATE_LIMITED than by holding the caller's HTTP request open.
 */
export const RETRY_AFTER_CAP_MS = 5_000;

/**
 * Whether a failed attempt of a call that is safe to repeat (a read, an upsert, a delete) is worth sending again.
 * Only failures that say nothing about the request itself are: the vendor down or slow, an answer we could not
 * read (malformed, truncated, an HTML error page), or a connection that dropped. A refusal of the request
 * (NOT_FOUND, CONFLICT, REJECTED, AUTH) would be refused again.
 *
 * A dropped connection on a write is UPSTREAM_OUTCOME_UNKNOWN. For a write that is safe to repeat, sending it
 * again is what settles the outcome (the vendor ends in the same state whether or not the first copy landed),
 * so it is retried here; a write that is not safe to repeat never reaches this rule (see VendorPolicies.run).
 */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof VendorError)) return false;
  switch (err.code) {
    case ErrorCode.UPSTREAM_UNAVAILABLE:
    case ErrorCode.UPSTREAM_TIMEOUT:
    case ErrorCode.UPSTREAM_BAD_RESPONSE:
    case ErrorCode.UPSTREAM_OUTCOME_UNKNOWN:
      return withinRetryAfterCap(err);
    case ErrorCode.UPSTREAM_RATE_LIMITED:
      // Without a Retry-After there is no telling when the limit lifts: RPM's and Komet's daily limits come
      // that way, and each retry would spend another call of a budget that is already gone.
      return err.options.retryAfterMs !== undefined && withinRetryAfterCap(err);
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.UPSTREAM_AUTH:
    case ErrorCode.UPSTREAM_REJECTED:
    // Refused by the vendor budget before any call: trying again would be refused the same way.
    case ErrorCode.TOO_MANY_VENDOR_CALLS:
    case ErrorCode.UPSTREAM_QUOTA_EXHAUSTED:
      return false;
    default: {
      const never: never = err.code;
      throw new Error(`unhandled vendor error code ${String(never)}`);
    }
  }
}

/**
 * Whether a failure counts towards opening the vendor's circuit: the vendor being down, slow or garbled.
 * Refusals of one request say nothing about the vendor's health, and a rate limit is a vendor that works and
 * says when to come back (and a daily limit's own code is more use to a client than UPSTREAM_UNAVAILABLE).
 */
export function tripsBreaker(err: unknown): boolean {
  if (!(err instanceof VendorError)) return false;
  switch (err.code) {
    case ErrorCode.UPSTREAM_UNAVAILABLE:
    case ErrorCode.UPSTREAM_TIMEOUT:
    case ErrorCode.UPSTREAM_BAD_RESPONSE:
    case ErrorCode.UPSTREAM_OUTCOME_UNKNOWN:
      return true;
    case ErrorCode.UPSTREAM_RATE_LIMITED:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.UPSTREAM_AUTH:
    case ErrorCode.UPSTREAM_REJECTED:
    case ErrorCode.TOO_MANY_VENDOR_CALLS:
    case ErrorCode.UPSTREAM_QUOTA_EXHAUSTED:
      return false;
    default: {
      const never: never = err.code;
      throw new Error(`unhandled vendor error code ${String(never)}`);
    }
  }
}

function withinRetryAfterCap(err: VendorError): boolean {
  return err.options.retryAfterMs === undefined || err.options.retryAfterMs <= RETRY_AFTER_CAP_MS;
}
