/** The servers the bench compares, each run side by side with the same simulators. */
export type Variant = "graph" | "graph-cached" | "graph-no-budget" | "graph-redis" | "graphql-js" | "graphql-jit" | "mesh";
export const VARIANTS: readonly Variant[] = ["graph", "graph-cached", "graph-no-budget", "graph-redis", "graphql-js", "graphql-jit", "mesh"];

/** The variants that are the graph itself (bench/graph-process.mjs), with a setting changed. */
export const GRAPH_VARIANTS: readonly Variant[] = ["graph", "graph-cached", "graph-no-budget", "graph-redis"];

/**
 * Variants measured at 0 ms vendors only: their targets are CPU-bound throughput (the Mesh gateway's, and what
 * the budget's accounting and Redis cost the graph), so they sit out the 20 ms and 50-client runs.
 */
export const ZERO_MS_ONLY: readonly Variant[] = ["mesh", "graph-no-budget", "graph-redis"];

/** The response cache's TTL of the graph-cached variant: longer than a round, so a round measures hits. */
export const BENCH_CACHE_TTL_MS = 5_000;

export const VARIANT_LABELS: Record<Variant, string> = {
  graph: "graph (Apollo 5 + type-graphql)",
  "graph-cached": `graph with the response cache (VENDOR_CACHE_TTL_MS=${BENCH_CACHE_TTL_MS})`,
  "graph-no-budget": "graph without the vendor budget's per-request accounting (bench-only switch)",
  "graph-redis": "graph with REDIS_URL set (a redis-server the bench starts)",
  "graphql-js": "graphql-js execute",
  "graphql-jit": "graphql-jit",
  mesh: "GraphQL Mesh + Hive Gateway",
};
