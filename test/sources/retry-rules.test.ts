import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ErrorCode, VendorError, type VendorErrorCode } from "../../src/errors.js";
import { RETRY_AFTER_CAP_MS, isRetryable, tripsBreaker } from "../../src/sources/resilience/retry-rules.js";
import { DEFAULT_RESILIENCE } from "../../src/sources/resilience/vendor-policies.js";

const failure = (code: VendorErrorCode, retryAfterMs?: number) =>
  new VendorError(code, "WMS", "detail", retryAfterMs === undefined ? {} : { retryAfterMs });

describe("which vendor failures a call safe to repeat retries, and which open the circuit", () => {
  it.each([
    [ErrorCode.UPSTREAM_UNAVAILABLE, undefined, true, true],
    [ErrorCode.UPSTREAM_TIMEOUT, undefined, true, true],
    [ErrorCode.UPSTREAM_BAD_RESPONSE, undefined, true, true],
    [ErrorCode.UPSTREAM_OUTCOME_UNKNOWN, undefined, true, true],
    [ErrorCode.UPSTREAM_RATE_LIMITED, 1_000, true, false],
    [ErrorCode.UPSTREAM_RATE_LIMITED, RETRY_AFTER_CAP_MS + 1, false, false],
    // A daily limit (RPM, Komet) says nothing of when it lifts.
    [ErrorCode.UPSTREAM_RATE_LIMITED, undefined, false, false],
    [ErrorCode.UPSTREAM_UNAVAILABLE, RETRY_AFTER_CAP_MS + 1, false, true],
    [ErrorCode.NOT_FOUND, undefined, false, false],
    [ErrorCode.CONFLICT, undefined, false, false],
    [ErrorCode.UPSTREAM_AUTH, undefined, false, false],
    [ErrorCode.UPSTREAM_REJECTED, undefined, false, false],
  ] as const)("%s with Retry-After %s ms: retried %s, opens the circuit %s", (code, retryAfterMs, retried, trips) => {
    expect(isRetryable(failure(code, retryAfterMs))).toBe(retried);
    expect(tripsBreaker(failure(code, retryAfterMs))).toBe(trips);
  });

  it("neither retries nor counts an error that is not a vendor's", () => {
    expect(isRetryable(new Error("bug"))).toBe(false);
    expect(tripsBreaker(new Error("bug"))).toBe(false);
  });

  it("defaults a client without configuration to what an empty environment configures", () => {
    expect(DEFAULT_RESILIENCE).toEqual(loadConfig({}).resilience);
  });
});
