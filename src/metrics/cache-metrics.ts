import { Counter } from "prom-client";
import { metricsRegistry } from "./registry.js";

/** The response cache's counters (src/sources/cache/); labels from fixed vocabularies only. */
export const cacheLookups = new Counter({
  name: "customer_graph_response_cache_lookups_total",
  help: "Response cache lookups per vendor: hit, revalidated (a stale entry a change check confirmed) or miss.",
  labelNames: ["source", "result"] as const,
  registers: [metricsRegistry],
});

export const cacheChecks = new Counter({
  name: "customer_graph_response_cache_checks_total",
  help: "Change checks (one vendor call each) per vendor, by result: unchanged, changed or failed.",
  labelNames: ["source", "result"] as const,
  registers: [metricsRegistry],
});
