import type { CallCounts } from "./vendor-calls.js";

/**
 * Scenarios where the layer makes more vendor calls than the vendor APIs need, with the calls it makes today and
 * why. The bench prints them as failing targets; the quick test (test/bench-quick.test.ts) holds the layer to
 * exactly these counts, so a gap can close (then delete its entry) but never silently widen.
 */
export const KNOWN_GAPS: Record<string, { calls: CallCounts; why: string }> = {
  "nodes-mixed": {
    calls: {
      rpm: { Customer: 6 },
      wms: { "GET /Customer/{id}": 6 },
      komet: { "customer.list": 1 },
      connect: { "GET /customers/{id}": 6 },
    },
    why:
      "node(s) lookups go through the detail loader, so RPM ids are read with one Customer call each; when only " +
      "fields of RPM's Customers list are selected (here id, name, source), that one list call would answer all six",
  },
};
