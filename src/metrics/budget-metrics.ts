import { Counter, Gauge } from "prom-client";
import { metricsRegistry } from "./registry.js";

export const vendorQuotaRemaining = new Gauge({
  name: "customer_graph_vendor_quota_remaining",
  help: "Calls left in the vendor's daily quota (all instances together where REDIS_URL is set); absent without a quota.",
  labelNames: ["source"] as const,
  registers: [metricsRegistry],
});

export const vendorCallsRefused = new Counter({
  name: "customer_graph_vendor_calls_refused_total",
  help: "Vendor calls not made, per vendor and reason: request_limit (MAX_VENDOR_CALLS reached), quota (the vendor's daily quota spent).",
  labelNames: ["source", "reason"] as const,
  registers: [metricsRegistry],
});

export const requestsRefusedForBudget = new Counter({
  name: "customer_graph_requests_refused_for_budget_total",
  help: "Requests refused before any vendor call, by reason: estimate (over MAX_VENDOR_CALLS), caller_budget (the caller's budget spent).",
  labelNames: ["reason"] as const,
  registers: [metricsRegistry],
});
