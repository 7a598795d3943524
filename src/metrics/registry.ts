import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The service's Prometheus metrics, served at /metrics. Labels are bounded vocabularies only (vendor,
 * the vendor's operation name, error code, operation type): never ids, hosts, keys or messages.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const vendorCalls = new Counter({
  name: "customer_graph_vendor_calls_total",
  help: "Vendor calls made, per vendor and operation, by outcome (ok or an error code).",
  labelNames: ["source", "operation", "outcome"] as const,
  registers: [metricsRegistry],
});

export const vendorLatency = new Histogram({
  name: "customer_graph_vendor_call_seconds",
  help: "Vendor call duration, per vendor and operation (retries counted as separate calls).",
  labelNames: ["source", "operation"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const circuitState = new Gauge({
  name: "customer_graph_vendor_circuit_open",
  help: "1 while a vendor's circuit breaker is open (calls refused without trying), else 0.",
  labelNames: ["source"] as const,
  registers: [metricsRegistry],
});

export const graphqlOperations = new Counter({
  name: "customer_graph_graphql_operations_total",
  help: "GraphQL operations answered, by operation type and outcome (ok, or errors).",
  labelNames: ["type", "outcome"] as const,
  registers: [metricsRegistry],
});

export const graphqlDuration = new Histogram({
  name: "customer_graph_graphql_operation_seconds",
  help: "GraphQL operation duration, by operation type.",
  labelNames: ["type"] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const trustedDocumentRequests = new Counter({
  name: "customer_graph_trusted_documents_total",
  help: "Requests checked against TRUSTED_DOCUMENTS: known, unknown (log mode: run anyway) or refused (enforce mode).",
  labelNames: ["result"] as const,
  registers: [metricsRegistry],
});
