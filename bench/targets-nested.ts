import { geometricMean } from "./latency-stats.js";
import type { BenchResults, Row, TargetResult } from "./results.js";
import { SCENARIOS } from "./scenarios.js";

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
type Measured = Omit<BenchResults, "targets">;

/**
 * The targets of issue 14, each with pass/fail: nested connections at least 0.5x the same page without them;
 * every scenario the Mesh gateway answers at least 2x its req/s at 0 ms (1.0x where our answer is deeper); peak
 * RSS with 50 clients at most 1.1x graphql-js's; no scenario slower than in the last recorded run by more than
 * this run's noise (bench/run-noise.ts).
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

  const noise = results.noise ?? NaN;
  if (!previous) {
    targets.push({ target: "no scenario slower than the last recorded run (beyond the noise)", pass: null, detail: "no earlier results in the output folder" });
  } else {
    const compared = rows
      .filter((r) => r.variant === "graph")
      .map((r) => ({ r, before: row(previous.rows, r.latencyMs, r.scenario, "graph") }))
      .filter((x): x is { r: Row; before: Row } => x.before !== undefined);
    const slower = compared.filter(({ r, before }) => r.reqPerSec < before.reqPerSec * (1 - noise));
    const ratios = compared.map(({ r, before }) => r.reqPerSec / before.reqPerSec);
    targets.push({
      target: `no scenario slower than the last recorded run beyond this run's noise (${fmt(noise * 100, 0)}%)`,
      pass: Number.isFinite(noise) && compared.length > 0 ? slower.length === 0 : null,
      detail:
        `${compared.length} rows against ${previous.file}, geometric mean ${fmt(geometricMean(ratios), 2)}x` +
        (slower.length > 0
          ? `; slower: ${slower.map(({ r, before }) => `${r.scenario}@${r.latencyMs}ms ${fmt(r.reqPerSec / before.reqPerSec, 2)}x`).join(", ")}`
          : ""),
    });
  }
  return targets;
}
