import { geometricMean } from "./latency-stats.js";
import type { BenchResults, Row, TargetResult } from "./results.js";

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/**
 * Issue 10 item 8: what the vendor budget's per-request work costs, in the same run. The graph against the same
 * build with the accounting switched off (variant graph-no-budget: no budget plugin, no request meter handed to
 * the vendor calls; a bench-only option of startApp), at 0 ms vendors (CPU-bound), rounds alternating: under 5% of req/s
 * over the scenarios (geometric mean). And the graph with REDIS_URL set against the graph without, for the
 * record (no target: what Redis costs depends on what the shared state puts there).
 */
export function budgetCostTargets(results: Omit<BenchResults, "targets">): TargetResult[] {
  const at0 = (variant: string) => results.rows.filter((r) => r.variant === variant && r.latencyMs === 0);
  const pairs = (variant: string, against: string) =>
    at0(variant)
      .map((r) => ({ r, base: at0(against).find((b) => b.scenario === r.scenario) }))
      .filter((x): x is { r: Row; base: Row } => x.base !== undefined);
  const summary = (list: Array<{ scenario: string; ratio: number }>, worstIsHighest = false) => {
    const worst = list.reduce((a, b) => ((worstIsHighest ? b.ratio > a.ratio : b.ratio < a.ratio) ? b : a));
    return `${fmt(geometricMean(list.map((x) => x.ratio)), 3)}x (worst ${worst.scenario} ${fmt(worst.ratio, 2)}x)`;
  };
  const targets: TargetResult[] = [];
  const budget = pairs("graph", "graph-no-budget");
  if (budget.length === 0) {
    targets.push({ target: "0 ms, the budget's accounting costs < 5% of req/s", pass: null, detail: "graph-no-budget not run" });
  } else {
    // CPU-bound, req/s is the inverse of the server's CPU per request; that figure, unlike req/s, hardly moves
    // with other work on the machine, so it decides (req/s are shown beside it).
    const cpu = budget.map(({ r, base }) => ({ scenario: r.scenario, ratio: (r.cpuMsPerRequest ?? NaN) / (base.cpuMsPerRequest ?? NaN) }));
    const rate = budget.map(({ r, base }) => ({ scenario: r.scenario, ratio: r.reqPerSec / base.reqPerSec }));
    const cpuMean = geometricMean(cpu.map((x) => x.ratio));
    targets.push({
      target: "0 ms, the budget's accounting costs < 5% of req/s: server CPU per request, graph / graph-no-budget <= 1.05 (geometric mean)",
      pass: Number.isFinite(cpuMean) ? cpuMean <= 1.05 : null,
      detail: `CPU ${summary(cpu, true)}; req/s ${summary(rate)}, noise ${fmt((results.noise ?? NaN) * 100, 0)}%; ${budget.length} scenarios`,
    });
  }
  const redis = pairs("graph-redis", "graph");
  if (redis.length > 0) {
    const cpu = redis.map(({ r, base }) => ({ scenario: r.scenario, ratio: (r.cpuMsPerRequest ?? NaN) / (base.cpuMsPerRequest ?? NaN) }));
    const rate = redis.map(({ r, base }) => ({ scenario: r.scenario, ratio: r.reqPerSec / base.reqPerSec }));
    targets.push({ target: "0 ms, graph with REDIS_URL / graph (for the record)", pass: null, detail: `CPU ${summary(cpu, true)}; req/s ${summary(rate)}` });
  }
  return targets;
}
