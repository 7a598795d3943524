import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/**
 * Counterexamples the property tests (properties.test.ts) and the fault/load run (fault-load.test.ts) found,
 * kept as plain examples so that they are checked on every run, whatever seed or timing the runs draw.
 */
describe("cases the property tests and the fault/load run found mishandled", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 3, wms: 3, komet: 3, connect: 3 } });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.sims.faults.set({});
    t.resetStats();
  });

  it.each(["All", "all", "ALL"])("refuses the WMS shortId %j (its list's path) as INVALID without calling WMS", async (shortId) => {
    const res = await t.query(
      `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } userErrors { field message code } } }`,
      { input: { shortId, name: "Reserved" } },
    );
    expect(res.data).toEqual({
      upsertCustomer: {
        customer: null,
        userErrors: [{ field: ["input", "shortId"], message: expect.stringContaining("All"), code: "INVALID" }],
      },
    });
    expect(t.stats()).toEqual({});
  });

  it.each([
    ["another persisted-query version", { version: 2, sha256Hash: "abc" }],
    ["a version that is not a number", { version: null, sha256Hash: false }],
    ["a hash that does not match the query", { version: 1, sha256Hash: "abc" }],
  ])("answers a persisted-query extension with %s as a 400 BAD_REQUEST, not an internal error", async (_what, persistedQuery) => {
    const res = await fetch(`${t.graph.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ sources { source } }", extensions: { persistedQuery } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(["BAD_REQUEST"]);
    expect(t.stats()).toEqual({});
  });

  it("answers the other vendors' lists when one vendor's own list fails in the same operation", async () => {
    t.sims.faults.set({ rpm: { faults: [{ kind: "500", rate: 1 }] } });
    const res = await t.query<Record<string, { nodes: Array<{ name: string }> }>>(`{
      rpm: customers(first: 2, filter: { sources: [RPM] }) { nodes { name } }
      wms: customers(first: 2, filter: { sources: [WMS] }) { nodes { name } }
      komet: customers(first: 2, filter: { sources: [KOMET] }) { nodes { name } }
    }`);
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([expect.objectContaining({ path: ["rpm"], extensions: { code: "UPSTREAM_UNAVAILABLE", source: "RPM" } })]);
    expect(res.data!.rpm!.nodes).toEqual([]);
    expect(res.data!.wms!.nodes).toHaveLength(2);
    expect(res.data!.komet!.nodes).toHaveLength(2);
  });

  it("answers a WMS upsert whose answer came back cut off after WMS applied it as UPSTREAM_OUTCOME_UNKNOWN, not as failed", async () => {
    // A read first, so the OAuth token is fetched before the fault: only the upsert's answers are cut off.
    await t.query(`{ customers(first: 1, filter: { sources: [WMS] }) { nodes { name } } }`);
    t.sims.faults.set({ wms: { faults: [{ kind: "truncated", rate: 1 }] } });
    const res = await t.query(`mutation { upsertCustomer(input: { shortId: "CUT-OFF-1", name: "Cut Off" }) { customer { id } } }`);
    expect(res.errors).toEqual([expect.objectContaining({ path: ["upsertCustomer"], extensions: { code: "UPSTREAM_OUTCOME_UNKNOWN", source: "WMS" } })]);
    t.sims.faults.set({});
    const read = await t.query(`{ customerBySourceId(source: WMS, sourceId: "CUT-OFF-1") { name } }`);
    expect(read.data).toEqual({ customerBySourceId: { name: "Cut Off" } });
  });

  it("keeps UPSTREAM_OUTCOME_UNKNOWN for an upsert whose first copy landed when the retries then fail otherwise", async () => {
    await t.query(`{ customers(first: 1, filter: { sources: [WMS] }) { nodes { name } } }`);
    // Write attempts in turn: the 1st is applied and its connection dropped, the 2nd and 3rd get a 500
    // (500 at rate 2/3 hits the 2nd and 3rd calls; every call it spares meets resetAfterWrite).
    t.sims.faults.set({ wms: { faults: [{ kind: "500", rate: 0.67 }, { kind: "resetAfterWrite", rate: 1 }] } });
    const res = await t.query(`mutation { upsertCustomer(input: { shortId: "LANDED-1", name: "Landed" }) { customer { id } } }`);
    expect(t.calls("wms", "POST /Customer")).toBe(3);
    expect(res.errors).toEqual([expect.objectContaining({ path: ["upsertCustomer"], extensions: { code: "UPSTREAM_OUTCOME_UNKNOWN", source: "WMS" } })]);
    t.sims.faults.set({});
    const read = await t.query(`{ customerBySourceId(source: WMS, sourceId: "LANDED-1") { name } }`);
    expect(read.data).toEqual({ customerBySourceId: { name: "Landed" } });
  });
});
