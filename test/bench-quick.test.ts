import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KNOWN_GAPS } from "../bench/known-gaps.js";
import { BENCH_SIZES, gatherInputs, SCENARIOS, SMALL_LIST_SCENARIOS, SMALL_LIST_SIZES, type ScenarioInputs } from "../bench/scenarios.js";
import { askOnce } from "../bench/vendor-calls.js";
import { startTestGraph, TEST_ID_SECRET, type TestGraph } from "./support/graph.js";

// The quick form of `npm run bench`: every bench scenario once, against the real server and simulators, holding
// the vendor calls of one request to the minimum the vendor APIs allow (bench/minimum.ts), or to a documented
// known gap (bench/known-gaps.ts). Counts only; times belong to the bench.
describe("bench scenarios cost the minimum vendor calls", () => {
  let t: TestGraph;
  let inputs: ScenarioInputs;

  beforeAll(async () => {
    t = await startTestGraph({ sizes: BENCH_SIZES });
    // Reads ids of every vendor, so the WMS token (fetched once per process, not per query) is in hand already.
    inputs = await gatherInputs(t.graph.url, TEST_ID_SECRET);
  });
  afterAll(() => t?.close());

  for (const scenario of SCENARIOS) {
    const gap = KNOWN_GAPS[scenario.id];
    it(`${scenario.title}: ${gap ? "the known gap's calls" : `${scenario.minimum.calls} vendor calls`}`, async () => {
      const body = scenario.bodies(inputs, "quick")[0]!;
      const answer = await askOnce(t.graph.url, t.sims.url, body);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.calls).toEqual(gap ? gap.calls : scenario.minimum.byOperation);
    });
  }

  it("computes the minimum from the vendors' rules, e.g. 1 + 100 calls in 2 round trips for RPM contacts", () => {
    const contacts = SCENARIOS.find((s) => s.id === "rpm-contacts-locations")!;
    expect(contacts.minimum).toEqual({ calls: 101, roundTrips: 2, byOperation: { rpm: { Customers: 1, Customer: 100 } } });
    const nodes = SCENARIOS.find((s) => s.id === "nodes-mixed")!;
    expect(nodes.minimum.byOperation).toEqual({
      rpm: { Customers: 1 },
      wms: { "GET /Customer/{id}": 6 },
      komet: { "customer.list": 1 },
      connect: { "GET /customers/{id}": 6 },
    });
  });
});

describe("small lists cost the minimum vendor calls too (WMS of 48, under one page)", () => {
  let t: TestGraph;
  let inputs: ScenarioInputs;

  beforeAll(async () => {
    t = await startTestGraph({ sizes: SMALL_LIST_SIZES });
    inputs = await gatherInputs(t.graph.url, TEST_ID_SECRET);
  });
  afterAll(() => t?.close());

  for (const scenario of SMALL_LIST_SCENARIOS) {
    it(`${scenario.title}: ${scenario.minimum.calls} vendor call(s)`, async () => {
      const answer = await askOnce(t.graph.url, t.sims.url, scenario.bodies(inputs, "quick")[0]!);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.calls).toEqual(scenario.minimum.byOperation);
    });
  }
});
