/** The servers the bench compares, each run side by side with the same simulators. */
export type Variant = "graph" | "graphql-js" | "graphql-jit";
export const VARIANTS: readonly Variant[] = ["graph", "graphql-js", "graphql-jit"];

export const VARIANT_LABELS: Record<Variant, string> = {
  graph: "graph (Apollo 5 + type-graphql)",
  "graphql-js": "graphql-js execute",
  "graphql-jit": "graphql-jit",
};
