import { geometricMean } from "./latency-stats.js";
import type { BenchResults, Row, TargetResult } from "./results.js";

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** The targets of issue 6, each with pass/fail and, where it fails, by how much. null: not measured in this run. */
export function evaluateTargets(results: Omit<BenchResults, "targets">, soakTargetSec: number): TargetResult[] {
  const { rows, checks } = results;
  const row = (latencyMs: number, scenario: string, variant: string) =>
    rows.find((r) => r.latencyMs === latencyMs && r.scenario === scenario && r.variant === variant);
  const targets: TargetResult[] = [];

  // Vendor calls per query equal to the minimum, in every scenario.
  for (const check of checks.filter((c) => c.variant === "graph")) {
    const over = check.total - check.minimum;
    targets.push({
      target: `calls = minimum: ${check.scenario}`,
      pass: over <= 0,
      detail: over <= 0 ? `${check.total} calls (minimum ${check.minimum})` : `${check.total} calls, ${over} over the minimum ${check.minimum}`,
    });
  }
  const meshChecks = checks.filter((c) => c.variant === "mesh");
  if (meshChecks.length === 0) {
    targets.push({ target: "calls never more than the Mesh gateway's", pass: null, detail: "Mesh/Hive gateway not run (npm ci --prefix bench/mesh)" });
  }
  for (const mesh of meshChecks) {
    const graph = checks.find((c) => c.variant === "graph" && c.scenario === mesh.scenario);
    if (!graph) continue;
    targets.push({
      target: `calls <= the Mesh gateway's: ${mesh.scenario}`,
      pass: graph.total <= mesh.total,
      detail: `${graph.total} vs Mesh ${mesh.total}${mesh.errors.length > 0 ? ` (Mesh answered with errors: ${mesh.errors[0]!.slice(0, 60)})` : ""}`,
    });
  }

  // 20 ms vendors, one connection: p50 within 5 ms of the critical-path floor, p99 within 15 ms.
  for (const r of rows.filter((r) => r.variant === "graph" && r.latencyMs === 20 && r.connections === 1)) {
    const p50Over = r.p50 - r.floorMs;
    const p99Over = r.p99 - r.floorMs;
    const pass = p50Over <= 5 && p99Over <= 15;
    targets.push({
      target: `20 ms, 1 connection, p50 <= floor+5, p99 <= floor+15: ${r.scenario}`,
      pass,
      detail: `floor ${r.floorMs} ms, p50 ${fmt(r.p50)} (+${fmt(p50Over)}), p99 ${fmt(r.p99)} (+${fmt(p99Over)})`,
    });
  }

  // 0 ms vendors, CPU-bound: req/s of one variant over another's, per scenario, summed up as a geometric mean.
  const ratios = (variant: string, against: string) =>
    rows
      .filter((r) => r.variant === variant && r.latencyMs === 0)
      .map((r) => ({ scenario: r.scenario, ratio: r.reqPerSec / (row(0, r.scenario, against)?.reqPerSec ?? NaN) }))
      .filter((x) => Number.isFinite(x.ratio));
  const throughput = (target: string, list: Array<{ scenario: string; ratio: number }>, least: number, missing: string) => {
    if (list.length === 0) return void targets.push({ target, pass: null, detail: missing });
    const mean = geometricMean(list.map((x) => x.ratio));
    const worst = list.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    const short = mean < least ? `, ${fmt(((least - mean) / least) * 100, 0)}% short` : "";
    targets.push({ target, pass: mean >= least, detail: `${fmt(mean, 2)}x (worst ${worst.scenario} ${fmt(worst.ratio, 2)}x)${short}` });
  };
  const cpu = ratios("graph", "graphql-js");
  throughput("0 ms, CPU-bound: >= 0.6x graphql-js req/s (geometric mean over scenarios)", cpu, 0.6, "graph or graphql-js not run at 0 ms");
  for (const x of cpu) {
    targets.push({ target: `0 ms, >= 0.6x graphql-js: ${x.scenario}`, pass: x.ratio >= 0.6, detail: `${fmt(x.ratio, 2)}x` });
  }
  // The same 0 ms runs, the graph with its response cache on (variant graph-cached) against uncached graphql-js.
  throughput(
    "0 ms, >= 1.0x graphql-js with the response cache on (geometric mean over scenarios)",
    ratios("graph-cached", "graphql-js"),
    1.0,
    "graph-cached or graphql-js not run at 0 ms",
  );
  throughput(
    "0 ms, >= 1.5x the Mesh/Hive gateway's req/s (aim 3x; geometric mean over the scenarios it can answer)",
    ratios("graph", "mesh"),
    1.5,
    "Mesh/Hive gateway not run (it installs into bench/mesh on first use)",
  );

  // 20 ms vendors, 50 connections: at least 0.9x plain graphql-js.
  for (const r of rows.filter((r) => r.variant === "graph" && r.latencyMs === 20 && r.connections >= 50)) {
    const base = row(20, r.scenario, "graphql-js");
    const ratio = base ? r.reqPerSec / base.reqPerSec : NaN;
    targets.push({ target: `20 ms, 50 connections, >= 0.9x graphql-js: ${r.scenario}`, pass: ratio >= 0.9, detail: `${fmt(ratio, 2)}x` });
  }

  // At half of saturation (fixed rate): p99 at most 2x p50.
  if (results.saturation) {
    const s = results.saturation;
    const ratio = s.p99 / s.p50;
    targets.push({
      target: "at 50% of saturation, p99 <= 2x p50",
      pass: ratio <= 2,
      detail: `${fmt(s.rate, 0)} req/s fixed: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms (${fmt(ratio, 2)}x)`,
    });
  }

  // Deep WMS page: at most 2 vendor calls and within 1.2x the time of page 1.
  const deepCheck = checks.find((c) => c.variant === "graph" && c.scenario === "wms-page-deep");
  if (deepCheck) {
    targets.push({ target: "deep WMS page: <= 2 vendor calls", pass: deepCheck.total <= 2, detail: `${deepCheck.total} calls` });
  }
  for (const latencyMs of [...new Set(rows.map((r) => r.latencyMs))]) {
    const deep = row(latencyMs, "wms-page-deep", "graph");
    const first = row(latencyMs, "wms-page-1", "graph");
    if (!deep || !first) continue;
    const ratio = deep.p50 / first.p50;
    targets.push({
      target: `deep WMS page p50 <= 1.2x page 1 (${latencyMs} ms vendors)`,
      pass: ratio <= 1.2,
      detail: `${fmt(deep.p50)} vs ${fmt(first.p50)} ms (${fmt(ratio, 2)}x)`,
    });
  }

  // Peak RSS under 150 MB with 50 concurrent clients.
  const memory = rows.filter((r) => r.variant === "graph" && r.connections >= 50);
  if (memory.length > 0) {
    const peak = Math.max(...memory.map((r) => r.peakRssMb));
    targets.push({
      target: "peak RSS < 150 MB with 50 concurrent clients",
      pass: peak < 150,
      detail: `${fmt(peak, 0)} MB${peak >= 150 ? `, ${fmt(peak - 150, 0)} MB over` : ""}`,
    });
  }

  if (results.soak) {
    const s = results.soak;
    const full = s.seconds >= soakTargetSec;
    targets.push({
      target: `soak: memory growth < 10%, no errors${full ? "" : ` (short soak: ${s.seconds} s of the ${soakTargetSec} s target; --soak=${soakTargetSec})`}`,
      pass: s.growthPct < 10 && s.errors === 0,
      detail: `${s.seconds} s, ${s.requests} requests: RSS ${fmt(s.startRssMb, 0)} -> ${fmt(s.endRssMb, 0)} MB (${fmt(s.growthPct)}%), ${s.errors} errors`,
    });
  }
  return targets;
}
