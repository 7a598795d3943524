import type { CallCounts } from "./vendor-calls.js";

/**
 * Scenarios where the layer makes more vendor calls than the vendor APIs need, with the calls it makes today and
 * why. The bench prints them as failing targets; the quick test (test/bench-quick.test.ts) holds the layer to
 * exactly these counts, so a gap can close (then delete its entry) but never silently widen.
 */
export const KNOWN_GAPS: Record<string, { calls: CallCounts; why: string }> = {};
