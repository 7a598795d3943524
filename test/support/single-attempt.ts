import type { Resilience } from "../../src/config.js";

/**
 * Resilience for connector tests that count one vendor call per fault and share one Source across many faults:
 * no retries, and a breaker that never opens within a test file. test/sources/resilience.test.ts tests the
 * retries, the breaker and the bulkhead themselves.
 */
export const SINGLE_ATTEMPT: Partial<Resilience> = { retries: 0, breakerFailures: 1_000 };
