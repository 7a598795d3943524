import type { ScenarioResult } from "./run-scenario.js";

/** Whether a scenario kept every promise: no 5xx, no wrong answer, no lost or phantom write. */
export function passed(r: ScenarioResult): boolean {
  return r.http5xx === 0 && r.wrong === 0 && r.audit.lost.length === 0 && r.audit.phantom.length === 0;
}

/** The results as a Markdown table (pasteable into docs), then the problems of any scenario that failed. */
export function formatReport(results: ScenarioResult[]): string {
  const header = [
    "scenario",
    "requests",
    "HTTP 5xx",
    "partial reads",
    "wrong answers",
    "writes acked",
    "writes failed",
    "outcome unknown (applied / not)",
    "unanswered",
    "WMS write calls",
    "lost acked",
    "phantom failed",
    "p50 ms",
    "p99 ms",
    "error codes seen",
  ];
  const rows = results.map((r) => [
    r.recovered ? r.scenario : `${r.scenario} (vendors not recovered before it)`,
    r.requests,
    r.http5xx,
    r.partial,
    r.wrong,
    r.audit.acknowledged,
    r.audit.failed,
    `${r.audit.unknownApplied} / ${r.audit.unknownAbsent}`,
    r.writesUnanswered,
    r.vendorWriteCalls,
    r.audit.lost.length,
    r.audit.phantom.length,
    r.p50Ms,
    r.p99Ms,
    Object.entries(r.errorCodes)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(", ") || "-",
  ]);
  const lines = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
  for (const r of results.filter((x) => !passed(x))) {
    lines.push("", `${r.scenario}: FAILED`, ...r.examples.map((e) => `  answer: ${e}`));
    lines.push(...r.audit.lost.slice(0, 5).map((l) => `  lost: ${l}`), ...r.audit.phantom.slice(0, 5).map((p) => `  phantom: ${p}`));
  }
  return lines.join("\n");
}
