import type { VendorErrorCode } from "../../errors.js";
import { circuitState, vendorCalls, vendorLatency } from "../../metrics/registry.js";
import type { SourceName } from "../../model.js";

/**
 * One vendor call as the metrics see it. `operation` is the vendor's own call name (e.g. "GET /Customer/{id}"),
 * a fixed vocabulary per vendor: never an id, host or message, which would leak and explode the label space.
 */
export function recordVendorCall(
  source: SourceName,
  operation: string,
  outcome: "ok" | VendorErrorCode,
  seconds: number,
): void {
  vendorCalls.inc({ source, operation, outcome });
  vendorLatency.observe({ source, operation }, seconds);
}

/** 1 while the vendor's circuit refuses calls (open, or half-open until its trial call succeeds), else 0. */
export function recordCircuit(source: SourceName, open: boolean): void {
  circuitState.set({ source }, open ? 1 : 0);
}
