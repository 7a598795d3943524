import { describe, expect, it } from "vitest";
import { baselineDrift } from "../bench/between-runs.js";
import type { Row } from "../bench/results.js";

const row = (scenario: string, variant: string, reqPerSec: number, latencyMs = 0): Row =>
  ({ scenario, variant, reqPerSec, latencyMs, connections: 10 }) as Row;

describe("baselineDrift (the bench's run-to-run noise)", () => {
  it("takes the run's factor as the baselines' geometric mean, and the noise as the largest slowdown beyond it", () => {
    const before = ["a", "b", "c", "d"].map((s) => row(s, "graphql-js", 100));
    // The machine ran twice as fast; row d only 1.6x as fast, i.e. 20% slower than the run as a whole.
    const after = [row("a", "graphql-js", 200 * 1.05), row("b", "graphql-js", 200 * 1.05), row("c", "graphql-js", 200 * 1.05), row("d", "graphql-js", 200 * 1.05 * 0.8)];
    const drift = baselineDrift(before, after)!;
    expect(drift.rows).toBe(4);
    expect(drift.factor).toBeCloseTo(210 * Math.pow(0.8, 1 / 4) / 100, 6);
    expect(drift.noise).toBeCloseTo(1 - 0.8 / Math.pow(0.8, 1 / 4), 6);
  });

  it("pairs rows by latency and scenario, ignores other variants, and answers null with fewer than three pairs", () => {
    const before = [row("a", "graphql-js", 100), row("a", "graphql-js", 50, 20), row("b", "graph", 100)];
    const after = [row("a", "graphql-js", 100), row("a", "graphql-js", 50, 20), row("b", "graph", 10), row("c", "graphql-js", 1)];
    expect(baselineDrift(before, after)).toBeNull();
    const third = baselineDrift([...before, row("b", "graphql-js", 100)], [...after, row("b", "graphql-js", 100)])!;
    expect(third).toEqual({ factor: 1, noise: 0, rows: 3 });
  });
});
