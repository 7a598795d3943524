import type { SourceName } from "./model.js";

/**
 * The one vocabulary of error codes. GraphQL responses carry these as extensions.code; the public message of
 * an upstream error is fixed text per code so that nothing a vendor said (hosts, keys, bodies) reaches a client.
 */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  /** The vendor refused our credentials (401/403, RPM "Key not found", Komet bad token). */
  UPSTREAM_AUTH = "UPSTREAM_AUTH",
  UPSTREAM_RATE_LIMITED = "UPSTREAM_RATE_LIMITED",
  /** Unreachable, reset, 5xx, or the circuit is open. */
  UPSTREAM_UNAVAILABLE = "UPSTREAM_UNAVAILABLE",
  UPSTREAM_TIMEOUT = "UPSTREAM_TIMEOUT",
  /** The answer did not have the documented shape: bad JSON, truncated, HTML, missing fields. */
  UPSTREAM_BAD_RESPONSE = "UPSTREAM_BAD_RESPONSE",
  /** The vendor understood and refused for a reason of its own (validation, a 4xx we do not map further). */
  UPSTREAM_REJECTED = "UPSTREAM_REJECTED",
  /** A write may or may not have been applied: the connection dropped after it was sent. Never retried. */
  UPSTREAM_OUTCOME_UNKNOWN = "UPSTREAM_OUTCOME_UNKNOWN",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  /** The HTTP request is not a GraphQL request we can run (Apollo's code): no query, a bad persisted-query extension. */
  BAD_REQUEST = "BAD_REQUEST",
  /** Query limits (src/limits/), each answered HTTP 400 before any vendor call. */
  QUERY_TOO_DEEP = "QUERY_TOO_DEEP",
  TOO_MANY_ALIASES = "TOO_MANY_ALIASES",
  TOO_MANY_DIRECTIVES = "TOO_MANY_DIRECTIVES",
  QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY",
  ARGUMENT_TOO_LONG = "ARGUMENT_TOO_LONG",
  /** The vendor budget (src/budget/): the request's estimate or count of vendor calls is over MAX_VENDOR_CALLS. */
  TOO_MANY_VENDOR_CALLS = "TOO_MANY_VENDOR_CALLS",
  /** The caller's own budget of vendor calls for its window is spent (HTTP 429 with Retry-After). */
  THROTTLED = "THROTTLED",
  /** The vendor's daily quota (or its own daily limit) is spent: no call is made until the reset. */
  UPSTREAM_QUOTA_EXHAUSTED = "UPSTREAM_QUOTA_EXHAUSTED",
  /** A subscription operation: the graph offers queries and mutations over HTTP only. HTTP 400. */
  SUBSCRIPTIONS_NOT_SUPPORTED = "SUBSCRIPTIONS_NOT_SUPPORTED",
  /** TRUSTED_DOCUMENTS in enforce mode and a document not in its manifests (or an unknown documentId). HTTP 400. */
  PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST",
}

export type VendorErrorCode =
  | ErrorCode.NOT_FOUND
  | ErrorCode.CONFLICT
  | ErrorCode.UPSTREAM_AUTH
  | ErrorCode.UPSTREAM_RATE_LIMITED
  | ErrorCode.UPSTREAM_UNAVAILABLE
  | ErrorCode.UPSTREAM_TIMEOUT
  | ErrorCode.UPSTREAM_BAD_RESPONSE
  | ErrorCode.UPSTREAM_REJECTED
  | ErrorCode.UPSTREAM_OUTCOME_UNKNOWN
  | ErrorCode.TOO_MANY_VENDOR_CALLS
  | ErrorCode.UPSTREAM_QUOTA_EXHAUSTED;

const PUBLIC_MESSAGES: Record<VendorErrorCode, string> = {
  [ErrorCode.NOT_FOUND]: "The vendor has no such record",
  [ErrorCode.CONFLICT]: "The vendor refused the change because it conflicts with another record",
  [ErrorCode.UPSTREAM_AUTH]: "The vendor refused this service's credentials",
  [ErrorCode.UPSTREAM_RATE_LIMITED]: "The vendor's rate limit was reached; try again later",
  [ErrorCode.UPSTREAM_UNAVAILABLE]: "The vendor is unavailable",
  [ErrorCode.UPSTREAM_TIMEOUT]: "The vendor did not answer in time",
  [ErrorCode.UPSTREAM_BAD_RESPONSE]: "The vendor sent an answer that could not be read",
  [ErrorCode.UPSTREAM_REJECTED]: "The vendor refused the request",
  [ErrorCode.UPSTREAM_OUTCOME_UNKNOWN]:
    "The connection to the vendor dropped after the write was sent; it may or may not have been applied",
  [ErrorCode.TOO_MANY_VENDOR_CALLS]:
    "This request reached its limit of vendor calls (MAX_VENDOR_CALLS); the call was not made",
  [ErrorCode.UPSTREAM_QUOTA_EXHAUSTED]:
    "The vendor's daily quota of calls is spent; the call was not made (see sources { quota })",
};

/**
 * Every failure of a vendor call, whatever the vendor's own shape. `message` is safe to show a client;
 * `detail` keeps what the vendor said (for logs only, already free of our credentials).
 */
export class VendorError extends Error {
  override readonly name = "VendorError";
  constructor(
    readonly code: VendorErrorCode,
    readonly source: SourceName,
    readonly detail: string,
    readonly options: { status?: number; retryAfterMs?: number; operation?: string } = {},
  ) {
    super(`${source}: ${PUBLIC_MESSAGES[code]}`);
  }

  /** Whether a caller may try the same call again later with a chance of success. */
  get transient(): boolean {
    return (
      this.code === ErrorCode.UPSTREAM_UNAVAILABLE ||
      this.code === ErrorCode.UPSTREAM_TIMEOUT ||
      this.code === ErrorCode.UPSTREAM_RATE_LIMITED ||
      this.code === ErrorCode.UPSTREAM_BAD_RESPONSE
    );
  }
}

/** Bad input from the graph's caller, caught before any vendor call. `field` is the path to the argument. */
export class UserInputError extends Error {
  override readonly name = "UserInputError";
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    message: string,
    readonly field: readonly string[] = [],
  ) {
    super(message);
  }
}
