import type { Row } from "./results.js";

/** How a baseline's rows moved between two runs of the bench, the measure of the run-to-run noise. */
export interface BaselineDrift {
  /** The geometric mean over the rows of baseline req/s now / before: how much faster the machine ran as a whole. */
  factor: number;
  /**
   * The largest slowdown of one baseline row once `factor` is taken out (0.2: a row ran 20% slower than the
   * machine as a whole): what a row of unchanged code can move from one run to the next.
   */
  noise: number;
  rows: number;
}

const key = (r: Row) => `${r.latencyMs}|${r.connections}|${r.scenario}`;

/**
 * The drift of `variant` (graphql-js over the same loaders: the same questions, none of the graph's own code)
 * between `previous` and `current`. Why not compare each graph row with its own baseline row: on this shared
 * machine one baseline row moves by up to a third between runs, so a per-row ratio carries that noise twice;
 * the whole run's factor averages it out, and its largest single excursion is the noise a row must exceed. The
 * baseline shares the vendor clients and loaders with the graph, so a change there moves both. Null with fewer
 * than three rows in common.
 */
export function baselineDrift(previous: readonly Row[], current: readonly Row[], variant = "graphql-js"): BaselineDrift | null {
  const before = new Map(previous.filter((r) => r.variant === variant).map((r) => [key(r), r.reqPerSec]));
  const logs = current
    .filter((r) => r.variant === variant && before.has(key(r)))
    .map((r) => Math.log(r.reqPerSec / before.get(key(r))!))
    .filter(Number.isFinite);
  if (logs.length < 3) return null;
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return { factor: Math.exp(mean), noise: 1 - Math.exp(Math.min(...logs) - mean), rows: logs.length };
}
