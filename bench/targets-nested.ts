import { baselineDrift } from "./between-runs.js";
import { geometricMean } from "./latency-stats.js";
import type { BenchResults, Row, TargetResult } from "./results.js";
import { SCENARIOS } from "./scenarios.js";

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
type Measured = Omit<BenchResults, "targets">;

/**
 * The targets of issue 14, each with pass/fail: nested connections at least 0.5x the same page without them;
 * every scenario the Mesh gateway answers at least 2x its req/s at 0 ms (1.0x where our answer is deeper); peak
 * RSS with 50 clients at most 1.1x graphql-js's; no scenario slower than in the last recorded run by more than
 * the run-to-run noise: the larger of this run's noise between rounds (bench/run-noise.ts) and how far one
 * graphql-js row moved between the two runs (bench/between-runs.ts), relative to graphql-js over the whole run.
 */
export function nestedConnectionTargets(results: Measured, previous?: { file: string; rows: Row[] }): TargetResult[] {
  const { rows } = results;
  const row = (list: readonly Row[], latencyMs: number, scenario: string, variant: string) =>
    list.find((r) => r.latencyMs === latencyMs && r.scenario === scenario && r.variant === variant);
  const targets: TargetResult[] = [];

  for (const nested of rows.filter((r) => r.variant === "graph" && r.latencyMs === 0 && r.scenario.startsWith("nested-"))) {
    const flat = row(rows, 0, nested.scenario.replace(/^nested-/, "flat-"), "graph");
    const ratio = flat ? nested.reqPerSec / flat.reqPerSec : NaN;
    const base = row(rows, 0, nested.scenario, "graphql-js");
    const baseFlat = row(rows, 0, nested.scenario.replace(/^nested-/, "flat-"), "graphql-js");
    const reference = base && baseFlat ? `; graphql-js ${fmt(base.reqPerSec / baseFlat.reqPerSec, 2)}x` : "";
    targets.push({
      target: `0 ms, nested connection >= 0.5x the same page without it: ${nested.scenario}`,
      pass: Number.isFinite(ratio) ? ratio >= 0.5 : null,
      detail: `${fmt(nested.reqPerSec, 0)} vs ${fmt(flat?.reqPerSec ?? NaN, 0)} req/s (${fmt(ratio, 2)}x${reference})`,
    });
  }

  const meshRows = rows.filter((r) => r.variant === "mesh" && r.latencyMs === 0);
  if (meshRows.length === 0) targets.push({ target: "0 ms, >= 2x the Mesh gateway per scenario", pass: null, detail: "Mesh/Hive gateway not run" });
  for (const mesh of meshRows) {
    const graph = row(rows, 0, mesh.scenario, "graph");
    if (!graph) continue;
    const least = SCENARIOS.find((s) => s.id === mesh.scenario)?.deeperThanMesh ? 1.0 : 2.0;
    const ratio = graph.reqPerSec / mesh.reqPerSec;
    targets.push({
      target: `0 ms, >= ${fmt(least)}x the Mesh gateway: ${mesh.scenario}`,
      pass: ratio >= least,
      detail: `${fmt(graph.reqPerSec, 0)} vs ${fmt(mesh.reqPerSec, 0)} req/s (${fmt(ratio, 2)}x)`,
    });
  }

  const memory = rows.filter((r) => r.variant === "graph" && r.connections >= 50);
  const memoryBase = rows.filter((r) => r.variant === "graphql-js" && r.connections >= 50);
  if (memory.length > 0 && memoryBase.length > 0) {
    const peak = Math.max(...memory.map((r) => r.peakRssMb));
    const base = Math.max(...memoryBase.map((r) => r.peakRssMb));
    targets.push({
      target: "peak RSS with 50 concurrent clients <= 1.1x graphql-js over the same loaders",
      pass: peak <= 1.1 * base,
      detail: `${fmt(peak, 0)} vs ${fmt(base, 0)} MB (${fmt(peak / base, 2)}x)`,
    });
  }

  // Runs on the shared machine differ in speed as a whole (other sessions' load): each graph row's change is
  // taken relative to how graphql-js moved over the whole run, and must exceed both this run's noise between
  // rounds and the largest move of a graphql-js row between the two runs (bench/between-runs.ts).
  const noise = results.noise ?? NaN;
  if (!previous) {
    targets.push({ target: "no scenario slower than the last recorded run (beyond the noise)", pass: null, detail: "no earlier results in the output folder" });
  } else {
    const drift = baselineDrift(previous.rows, rows);
    const factor = drift?.factor ?? 1;
    const allowed = Math.max(noise, drift?.noise ?? 0);
    const compared = rows
      .filter((r) => r.variant === "graph")
      .map((r) => ({ r, before: row(previous.rows, r.latencyMs, r.scenario, "graph") }))
      .filter((x): x is { r: Row; before: Row } => x.before !== undefined)
      .map(({ r, before }) => ({ r, raw: r.reqPerSec / before.reqPerSec, ratio: r.reqPerSec / before.reqPerSec / factor }));
    const slower = compared.filter((x) => x.ratio < 1 - allowed);
    const driftText = drift
      ? `graphql-js ${fmt(factor, 2)}x over ${drift.rows} rows, its largest move of one row beyond that ${fmt(drift.noise * 100, 0)}%`
      : "no graphql-js rows in both runs: raw req/s";
    targets.push({
      target: `no scenario slower than the last recorded run beyond the run-to-run noise (${fmt(allowed * 100, 0)}%), relative to graphql-js over the run`,
      pass: Number.isFinite(allowed) && compared.length > 0 ? slower.length === 0 : null,
      detail:
        `${compared.length} rows against ${previous.file} (${driftText}): ${fmt(geometricMean(compared.map((x) => x.ratio)), 2)}x ` +
        `(raw req/s ${fmt(geometricMean(compared.map((x) => x.raw)), 2)}x)` +
        (slower.length > 0 ? `; slower: ${slower.map((x) => `${x.r.scenario}@${x.r.latencyMs}ms ${fmt(x.ratio, 2)}x`).join(", ")}` : ""),
    });
  }
  return targets;
}
