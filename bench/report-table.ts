import type { BenchResults, Row, TargetResult } from "./results.js";

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** The results table, as printed and as pasted into docs/performance.md (Markdown, readable as plain text too). */
export function resultsTable(rows: readonly Row[]): string {
  const header = ["vendor ms", "scenario", "variant", "conns", "req/s", "p50 ms", "p99 ms", "calls/q", "min calls", "min RT", "floor ms", "peak RSS MB", "CPU ms/req", "errors"];
  const lines = rows.map((r) => [
    String(r.latencyMs),
    r.scenario,
    r.variant,
    String(r.connections),
    fmt(r.reqPerSec, 0),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.callsPerQuery, 1),
    String(r.minCalls),
    String(r.minRoundTrips),
    String(r.floorMs),
    fmt(r.peakRssMb, 0),
    fmt(r.cpuMsPerRequest ?? NaN, 2),
    String(r.errors),
  ]);
  return markdown(header, lines);
}

export function checksTable(results: Pick<BenchResults, "checks">): string {
  const graph = results.checks.filter((c) => c.variant === "graph");
  const header = ["scenario", "calls (one request)", "minimum", "by operation", "baselines agree", "Mesh calls"];
  const lines = graph.map((c) => {
    const others = results.checks.filter((o) => o.scenario === c.scenario && o.variant !== "graph" && o.variant !== "mesh");
    const agree = others.every((o) => o.sameAnswer && o.total === c.total);
    const mesh = results.checks.find((o) => o.scenario === c.scenario && o.variant === "mesh");
    const ops = Object.entries(c.calls)
      .map(([vendor, byOp]) => Object.entries(byOp ?? {}).map(([op, n]) => `${vendor} ${op} ${n}`).join(", "))
      .join("; ");
    return [
      c.scenario,
      `${c.total}${c.total > c.minimum ? ` (+${c.total - c.minimum})` : ""}`,
      String(c.minimum),
      ops,
      agree ? "yes" : "NO",
      mesh ? `${mesh.total}${mesh.errors.length > 0 ? " (errors)" : ""}` : "-",
    ];
  });
  return markdown(header, lines);
}

export function targetsTable(targets: readonly TargetResult[]): string {
  return markdown(
    ["target", "result", "measured"],
    targets.map((t) => [t.target, t.pass === null ? "n/a" : t.pass ? "pass" : "FAIL", t.detail]),
  );
}

function markdown(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [row(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(row)].join("\n");
}
