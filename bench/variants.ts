/** The servers the bench compares, each run side by side with the same simulators. */
export type Variant = "graph" | "graphql-js" | "graphql-jit" | "mesh";
export const VARIANTS: readonly Variant[] = ["graph", "graphql-js", "graphql-jit", "mesh"];

export const VARIANT_LABELS: Record<Variant, string> = {
  graph: "graph (Apollo 5 + type-graphql)",
  "graphql-js": "graphql-js execute",
  "graphql-jit": "graphql-jit",
  mesh: "GraphQL Mesh + Hive Gateway",
};
