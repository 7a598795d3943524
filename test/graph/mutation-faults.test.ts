import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CustomerIdsDocument, EditDocument, UpsertDocument } from "../generated/graphql.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

describe("writes when the vendor fails", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 10, wms: 10, komet: 5, connect: 5 }, timeoutMs: 2_000 });
  });
  afterAll(() => t.close());
  afterEach(() => t.sims.faults.set({}));

  it("reports an unreachable vendor as a top-level error with its code, not a UserError", async () => {
    t.sims.faults.set({ wms: { faults: [{ kind: "500", rate: 1 }] } });
    const res = await t.run(UpsertDocument, { input: { shortId: "DOWN-1", name: "Down" } });
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ["upsertCustomer"], extensions: { code: "UPSTREAM_UNAVAILABLE", source: "WMS" } });
    expect(JSON.stringify(res)).not.toContain("127.0.0.1");
  });

  it("never resends an RPM edit whose connection dropped after sending: outcome unknown, one call", async () => {
    const target = (await t.run(CustomerIdsDocument, { first: 2, filter: { sources: ["RPM"] } })).data!.customers.nodes[1]!;
    t.sims.faults.set({ rpm: { faults: [{ kind: "resetAfterWrite", rate: 1 }] } });
    t.resetStats();
    const res = await t.run(EditDocument, { input: { id: target.id, name: "Maybe Renamed" } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_OUTCOME_UNKNOWN", source: "RPM" });
    expect(t.calls("rpm", "CustomerEdit")).toBe(1);
    t.sims.faults.set({});
    // The simulator did apply it: the client was told the outcome is unknown, not that it failed.
    const read = await t.query<{ customer: { name: string } }>(`query($id: ID!) { customer(id: $id) { name } }`, { id: target.id });
    expect(read.data!.customer.name).toBe("Maybe Renamed");
  });
});
