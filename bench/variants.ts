/** The servers the bench compares, each run side by side with the same simulators. */
export type Variant = "graph" | "graph-cached" | "graphql-js" | "graphql-jit" | "mesh";
export const VARIANTS: readonly Variant[] = ["graph", "graph-cached", "graphql-js", "graphql-jit", "mesh"];

/** The response cache's TTL of the graph-cached variant: longer than a round, so a round measures hits. */
export const BENCH_CACHE_TTL_MS = 5_000;

export const VARIANT_LABELS: Record<Variant, string> = {
  graph: "graph (Apollo 5 + type-graphql)",
  "graph-cached": `graph with the response cache (VENDOR_CACHE_TTL_MS=${BENCH_CACHE_TTL_MS})`,
  "graphql-js": "graphql-js execute",
  "graphql-jit": "graphql-jit",
  mesh: "GraphQL Mesh + Hive Gateway",
};
