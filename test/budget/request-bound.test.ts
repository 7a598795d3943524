import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";

const costOf = (r: GraphResult) => r.extensions?.cost;

/** The three requests an outsider with a read-only key used to spend other callers' vendor calls (issue 10). */
const KOMET_500_WITH_RELATED = `{ customers(first: 500, filter: {sources: [KOMET]}) {
  nodes { contacts(first: 1) { nodes { name } } locations(first: 1) { nodes { name } } } } }`;
const aliases = (n: number, body: (i: number) => string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body(i)}`).join(" ")} }`;

describe("the request bound (MAX_VENDOR_CALLS, default 250)", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { wms: 25_000, connect: 2_500 } });
  });
  afterAll(() => t.close());
  afterEach(() => t.sims.faults.set({}));

  it("refuses a page of 500 Komet customers with their contacts and ship-tos before any call: 400 naming estimate, limit and field", async () => {
    t.resetStats();
    const r = await t.query(KOMET_500_WITH_RELATED);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe("TOO_MANY_VENDOR_CALLS");
    expect(r.errors?.[0]?.message).toMatch(/up to 1001 vendor calls, over the limit of 250 \(MAX_VENDOR_CALLS\); most from customers \(1001\)/);
    expect(t.calls("komet")).toBe(0);
    expect(costOf(r)?.vendorCalls).toMatchObject({ estimated: 1001, actual: 0 });
  });

  it("answers 30 aliased searches over a 25,000-customer WMS with one whole read of it (100 pages), not 30, within the limit", async () => {
    t.resetStats();
    const r = await t.query(aliases(30, (i) => `customers(first: 1, filter: {sources: [WMS], search: "no-such-name-${i}"}) { nodes { name } }`));
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(t.calls("wms", "GET /Customer/All")).toBe(100);
    expect(costOf(r)?.vendorCalls.actual).toBe(t.calls("wms"));
    expect(costOf(r)!.vendorCalls.actual).toBeLessThanOrEqual(250);
    // Estimated with the assumed 5,000 customers (20 pages, and the token) while no length was known; the read
    // taught it, so the same request is now estimated at the list's real 100 pages.
    expect(costOf(r)!.vendorCalls.estimated).toBe(21);
    const again = await t.query(aliases(30, (i) => `customers(first: 1, filter: {sources: [WMS], search: "no-such-name-${i}"}) { nodes { name } }`));
    expect(costOf(again)!.vendorCalls.estimated).toBe(101);
  });

  it("answers 20 aliased backward Connect pages with one forward walk of the list, shared", async () => {
    t.resetStats();
    const r = await t.query(aliases(20, (i) => `customers(last: 1, filter: {sources: [CONNECT], updatedSince: "2020-01-0${(i % 9) + 1}T00:00:00Z"}) { nodes { name } }`));
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(t.calls("connect", "GET /customers")).toBe(3); // 2,500 customers in calls of 1,000
    expect(costOf(r)?.vendorCalls.actual).toBe(3);
    expect(costOf(r)!.vendorCalls.estimated).toBeGreaterThanOrEqual(3);
  });

  it("estimates the reads totalCount makes of the vendors a cursor skips", async () => {
    const first = await t.query<{ customers: { edges: Array<{ cursor: string }> } }>(
      `{ customers(first: 1, filter: {sources: [WMS, KOMET, CONNECT]}) { edges { cursor } } }`,
    );
    const before = first.data!.customers.edges[0]!.cursor;
    t.resetStats();
    // Backward from WMS's first record: no record to read, but totalCount reads Komet's and Connect's lists.
    const r = await t.query(`{ customers(last: 0, before: "${before}", filter: {sources: [WMS, KOMET, CONNECT]}) { totalCount nodes { name } } }`);
    expect(r.errors).toBeUndefined();
    expect(t.calls("komet")).toBe(1);
    expect(t.calls("connect")).toBeGreaterThan(0);
    expect(costOf(r)!.vendorCalls.actual).toBe(t.calls("wms") + t.calls("komet") + t.calls("connect"));
    expect(costOf(r)!.vendorCalls.actual).toBeLessThanOrEqual(costOf(r)!.vendorCalls.estimated);
  });

  it("reports in extensions.cost exactly the calls the simulators counted, per vendor", async () => {
    t.resetStats();
    const r = await t.query(`{ customers(first: 30) { totalCount nodes { name website contacts(first: 2) { nodes { name } } } } }`);
    expect(r.status).toBe(200);
    const cost = costOf(r)!;
    const counted = { RPM: t.calls("rpm"), WMS: t.calls("wms"), KOMET: t.calls("komet"), CONNECT: t.calls("connect") };
    expect(cost.vendorCalls.actual).toBe(Object.values(counted).reduce((a, b) => a + b, 0));
    for (const [source, calls] of Object.entries(counted)) expect(cost.vendorCalls.bySource[source] ?? 0).toBe(calls);
    expect(cost.vendorCalls.actual).toBeLessThanOrEqual(cost.vendorCalls.estimated);
  });
});

describe("the runtime guard", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ budget: { maxVendorCalls: 12 } });
  });
  afterAll(() => t.close());

  it("stops a request at MAX_VENDOR_CALLS even when retries make it spend more than estimated: the rest of the answer stands", async () => {
    // Every second RPM call fails once and is retried, so 11 estimated calls need about 16.
    t.sims.faults.set({ rpm: { faults: [{ kind: "500", rate: 0.5 }] } });
    t.resetStats();
    const r = await t.query(`{ customers(first: 10, filter: {sources: [RPM]}) { nodes { sourceId name website } } }`);
    t.sims.faults.set({});
    expect(r.status).toBe(200);
    expect(costOf(r)?.vendorCalls.estimated).toBe(11);
    expect(t.calls("rpm")).toBe(12);
    expect(costOf(r)?.vendorCalls.actual).toBe(12);
    const nodes = (r.data as { customers: { nodes: Array<{ name: string; website: string | null } | null> } }).customers.nodes;
    expect(nodes).toHaveLength(10);
    expect(nodes.every((n) => n !== null && n.name.length > 0)).toBe(true);
    const refused = r.errors?.filter((e) => e.extensions?.code === "TOO_MANY_VENDOR_CALLS") ?? [];
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) expect(e.path).toEqual(["customers", "nodes", expect.any(Number), "website"]);
  });
});
