import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

type Nodes = { customers: { nodes: Array<{ id: string; source: string; sourceId: string; name: string }> } };

describe("vendor calls per query (counted on the simulators)", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 150, wms: 3_000, komet: 60, connect: 40 } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  it("asks RPM once for 100 customers' names: one list call, no detail calls", async () => {
    const res = await t.query<Nodes>(`{ customers(first: 100, filter: { sources: [RPM] }) { nodes { name createdAt } } }`);
    expect(res.data!.customers.nodes).toHaveLength(100);
    expect(t.stats()).toEqual({ rpm: { Customers: 1 } });
  });

  it("adds exactly one detail call per distinct customer when contacts are asked for", async () => {
    const res = await t.query<{ customers: { nodes: Array<{ contacts: { nodes: unknown[] } }> } }>(
      `{ customers(first: 20, filter: { sources: [RPM] }) {
           nodes { name website contacts { nodes { name } } locations { totalCount } accounts { nodes { name } } }
           again: nodes { customFields { name } contacts(first: 1) { nodes { email } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.customers.nodes.some((n) => n.contacts.nodes.length > 0)).toBe(true);
    expect(t.stats()).toEqual({ rpm: { Customers: 1, Customer: 20 } });
  });

  it("reads one customer asked three times through aliases and fragments with one vendor call", async () => {
    const res = await t.query(
      `query { a: customerBySourceId(source: RPM, sourceId: "3") { ...F }
               b: customerBySourceId(source: RPM, sourceId: "3") { name website }
               c: customerBySourceId(source: RPM, sourceId: "3") { ... on Customer { contacts { nodes { name } } } } }
       fragment F on Customer { name contacts { nodes { email } } locations { nodes { name } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(t.stats()).toEqual({ rpm: { Customer: 1 } });
  });

  it("resolves nodes mixing all four vendors, with repeats, in one batch per vendor", async () => {
    const ids: string[] = [];
    for (const source of ["RPM", "WMS", "KOMET", "CONNECT"]) {
      const res = await t.query<Nodes>(`{ customers(first: 3, filter: { sources: [${source}] }) { nodes { id } } }`);
      ids.push(...res.data!.customers.nodes.map((n) => n.id));
    }
    t.resetStats();
    const asked = [...ids, ids[0], ids[4], ids[8], ids[11]];
    const res = await t.query<{ nodes: Array<{ id: string; name: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { name source } } }`,
      { ids: asked },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes.map((n) => n?.id)).toEqual(asked);
    // RPM's three ids come from one Customers list call (it carries id, name and source), not three Customer calls.
    expect(t.stats()).toEqual({
      rpm: { Customers: 1 },
      wms: { "GET /Customer/{id}": 3 },
      komet: { "customer.list": 1 },
      connect: { "GET /customers/{id}": 3 },
    });
  });

  it("reads a deep WMS page with one vendor page call, not the pages before it", async () => {
    const tail = await t.query<{ customers: { edges: Array<{ cursor: string }> } }>(
      `{ customers(last: 500, filter: { sources: [WMS] }) { edges { cursor } } }`,
    );
    const deepCursor = tail.data!.customers.edges[37]!.cursor; // offset 2537 of 3000
    t.resetStats();
    const res = await t.query<Nodes>(
      `query($after: String) { customers(first: 25, after: $after, filter: { sources: [WMS] }) { nodes { sourceId } } }`,
      { after: deepCursor },
    );
    expect(res.data!.customers.nodes).toHaveLength(25);
    expect(t.calls("wms", "GET /Customer/All")).toBeLessThanOrEqual(2);
    expect(t.calls("wms", "GET /Customer/All")).toBeGreaterThanOrEqual(1);
  });

  it("needs no per-customer call where the list record already carries contacts and locations (WMS, Connect)", async () => {
    const res = await t.query(
      `{ customers(first: 30, filter: { sources: [WMS, CONNECT] }) { nodes { name website customFields { name }
           contacts { nodes { id name } } locations { nodes { id kind } } accounts { totalCount } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(t.calls("wms", "GET /Customer/{id}")).toBe(0);
    expect(t.calls("connect", "GET /customers/{id}")).toBe(0);
  });
});
