import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mixedScenario, soloScenarios, type FaultScenario } from "../../bench/fault-load/fault-plans.js";
import { formatReport } from "../../bench/fault-load/report.js";
import { runScenario, type ScenarioResult, type Target } from "../../bench/fault-load/run-scenario.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/**
 * The short form of `npm run bench:faults` (bench/fault-load.ts): each vendor fault kind alone, then all of
 * them mixed, under a small concurrent read/write load against the real server. Asserts outcomes only
 * (no timings): no 5xx from the layer, every read's errors attributed to the failing vendor with the other
 * vendors' data complete, every acknowledged write at the vendor with its values, every failed one absent
 * unless flagged UPSTREAM_OUTCOME_UNKNOWN.
 */
describe("vendor faults under concurrent load", () => {
  let t: TestGraph;
  let target: Target;
  const results: ScenarioResult[] = [];

  beforeAll(async () => {
    // A short vendor timeout so that hung calls end quickly; breakers that half-open soon, so one scenario's
    // open circuit does not spill into the next.
    t = await startTestGraph({ sizes: { rpm: 20, wms: 20, komet: 20, connect: 20 }, timeoutMs: 400, resilience: { breakerHalfOpenMs: 300 } });
    target = { graphUrl: t.graph.url, simulatorUrl: t.sims.url };
  });
  afterAll(async () => {
    if (results.length > 0) console.log(formatReport(results));
    await t.close();
  });

  function expectKeptPromises(r: ScenarioResult) {
    expect(r.http5xx, r.examples.join("\n")).toBe(0);
    expect(r.examples).toEqual([]);
    expect(r.wrong).toBe(0);
    expect(r.audit.lost).toEqual([]);
    expect(r.audit.phantom).toEqual([]);
  }

  // Small numbers keep this short: a 50 ms latency, and 429s that may be retried at once.
  it.each(soloScenarios({ rate: 0.2, latencyMs: 50, retryAfterSec: 0 }).map((s, i) => [s.name, s, i] as [string, FaultScenario, number]))(
    "%s alone: no 5xx, partial reads attributed to the failing vendor, no lost or phantom write",
    async (_name, scenario, i) => {
      const r = await runScenario(target, scenario, { connections: 4, durationSec: 0, amount: 24, writeEvery: 3, run: `T${i}` });
      results.push(r);
      expectKeptPromises(r);
      expect(r.audit.acknowledged + r.audit.failed + r.audit.unknownApplied + r.audit.unknownAbsent).toBeGreaterThan(0);
      if (scenario.name === "resetAfterWrite") {
        // The fault hit writes the vendor had applied: either the client was told the outcome is unknown, or
        // the layer sent the (idempotent) upsert again to settle it, so WMS saw more write calls than answers.
        const answered = r.audit.acknowledged + r.audit.failed + r.audit.unknownApplied + r.audit.unknownAbsent;
        expect(r.audit.unknownApplied + (r.vendorWriteCalls - answered)).toBeGreaterThan(0);
      }
      if (scenario.name === "latency") expect(r.errorCodes).toEqual({});
    },
    60_000,
  );

  it("all kinds mixed at 5% on every vendor: no 5xx, no lost acknowledged write", async () => {
    const r = await runScenario(target, mixedScenario(0.05), { connections: 5, durationSec: 3, writeEvery: 4, run: "TM" });
    results.push(r);
    expectKeptPromises(r);
    expect(r.audit.acknowledged).toBeGreaterThan(0);
  }, 60_000);
});
