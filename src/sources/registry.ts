import type { Resilience, VendorEndpoints } from "../config.js";
import type { SourceName } from "../model.js";
import type { SharedState } from "../state/shared-state.js";
import { createConnectSource } from "./connect/source.js";
import { createKometSource } from "./komet/source.js";
import { createRpmSource } from "./rpm/source.js";
import type { Source } from "./source.js";
import { createWmsSource } from "./wms/source.js";

export interface SourceTuning {
  timeoutMs: number;
  concurrency: number;
  /** Per-vendor retries, circuit breaker and bulkhead (config.resilience); each Source gets its own set. */
  resilience?: Partial<Resilience>;
  /** State every instance shares: the WMS token, and the locks WMS edits of one customer take turns by; this process only when absent. */
  sharedState?: SharedState;
}

/**
 * The configured vendors as Sources, in Source enum order (the order a cross-source connection lists them).
 * Adding a vendor is one folder under src/sources/ and one line here.
 */
export function createSources(vendors: VendorEndpoints, { sharedState, ...tuning }: SourceTuning): Map<SourceName, Source> {
  const sources = new Map<SourceName, Source>();
  if (vendors.rpm) sources.set("RPM", createRpmSource({ baseUrl: vendors.rpm.url, apiKey: vendors.rpm.apiKey, ...tuning }));
  if (vendors.wms) {
    sources.set(
      "WMS",
      createWmsSource({ baseUrl: vendors.wms.url, clientId: vendors.wms.clientId, clientSecret: vendors.wms.clientSecret, ...tuning, sharedState }),
    );
  }
  if (vendors.komet) sources.set("KOMET", createKometSource({ baseUrl: vendors.komet.url, token: vendors.komet.token, ...tuning }));
  if (vendors.connect) {
    sources.set("CONNECT", createConnectSource({ baseUrl: vendors.connect.url, apiKey: vendors.connect.apiKey, ...tuning }));
  }
  return sources;
}
