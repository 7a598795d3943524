import { geometricMean } from "./latency-stats.js";
import type { BenchResults, Row, TargetResult } from "./results.js";

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/**
 * Issue 10 item 8: what the vendor budget's per-request work costs, in the same run. The graph against the same
 * build with the accounting switched off (variant graph-no-budget: no budget plugin, no request meter, no async
 * scope; a bench-only option of startApp), at 0 ms vendors (CPU-bound), rounds alternating: under 5% of req/s
 * over the scenarios (geometric mean). And the graph with REDIS_URL set against the graph without, for the
 * record (no target: what Redis costs depends on what the shared state puts there).
 */
export function budgetCostTargets(results: Omit<BenchResults, "targets">): TargetResult[] {
  const at0 = (variant: string) => results.rows.filter((r) => r.variant === variant && r.latencyMs === 0);
  const ratios = (variant: string, against: string) =>
    at0(variant)
      .map((r) => ({ r, base: at0(against).find((b) => b.scenario === r.scenario) }))
      .filter((x): x is { r: Row; base: Row } => x.base !== undefined)
      .map(({ r, base }) => ({ scenario: r.scenario, ratio: r.reqPerSec / base.reqPerSec }));
  const summary = (list: Array<{ scenario: string; ratio: number }>) => {
    const worst = list.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    return `${fmt(geometricMean(list.map((x) => x.ratio)), 3)}x over ${list.length} scenarios (worst ${worst.scenario} ${fmt(worst.ratio, 2)}x)`;
  };
  const targets: TargetResult[] = [];
  const budget = ratios("graph", "graph-no-budget");
  targets.push(
    budget.length === 0
      ? { target: "0 ms, the budget's accounting costs < 5% of req/s", pass: null, detail: "graph-no-budget not run" }
      : {
          target: "0 ms, the budget's accounting costs < 5% of req/s (graph / graph-no-budget, geometric mean)",
          pass: geometricMean(budget.map((x) => x.ratio)) > 0.95,
          detail: `${summary(budget)}; noise ${fmt((results.noise ?? NaN) * 100, 0)}%`,
        },
  );
  const redis = ratios("graph-redis", "graph");
  if (redis.length > 0) {
    targets.push({ target: "0 ms, graph with REDIS_URL / graph (for the record)", pass: null, detail: summary(redis) });
  }
  return targets;
}
