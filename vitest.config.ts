import { defineConfig } from "vitest/config";

export default defineConfig({
  // type-graphql's ESM build and our code must share one copy of graphql, or schemas
  // built by one are rejected by the other ("another module or realm").
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
