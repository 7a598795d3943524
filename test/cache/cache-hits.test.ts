import { afterEach, describe, expect, it } from "vitest";
import type { TestGraph } from "../support/graph.js";
import { startCachedGraph } from "./support.js";

/** One page of each vendor, with a field that costs a call per customer where the vendor has one. */
const EVERY_VENDOR = `{
  rpm: customers(first: 3, filter: { sources: [RPM] }) { nodes { sourceId name website } }
  wms: customers(first: 3, filter: { sources: [WMS] }) { nodes { sourceId name } }
  komet: customers(first: 3, filter: { sources: [KOMET] }) { nodes { sourceId name contacts { nodes { name } } } }
  connect: customers(first: 3, filter: { sources: [CONNECT] }) { nodes { sourceId name } }
}`;

describe("response cache: hits and misses", () => {
  let t: TestGraph | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("is off by default: the same query twice calls the vendors twice", async () => {
    t = await startCachedGraph(null);
    await t.query(EVERY_VENDOR); // fetches WMS's token, which later queries reuse
    t.resetStats();
    await t.query(EVERY_VENDOR);
    const once = t.stats();
    t.resetStats();
    await t.query(EVERY_VENDOR);
    expect(t.stats()).toEqual(once);
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
  });

  it("answers the same query again without any vendor call, with the same data", async () => {
    t = await startCachedGraph(60_000);
    const first = await t.query(EVERY_VENDOR);
    expect(first.errors).toBeUndefined();
    // Every vendor was called the first time: RPM's list and three details, Komet's list and three contact lists.
    expect(t.calls("rpm", "Customers")).toBe(1);
    expect(t.calls("rpm", "Customer")).toBe(3);
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
    expect(t.calls("komet", "customer.contact.list")).toBe(3);
    expect(t.calls("connect", "GET /customers")).toBe(1);
    t.resetStats();
    const second = await t.query(EVERY_VENDOR);
    expect(t.stats()).toEqual({});
    expect(second.data).toEqual(first.data);
    const metrics = await (await fetch(`${t.graph.url}/metrics`)).text();
    expect(metrics).toMatch(/customer_graph_response_cache_lookups_total\{source="WMS",result="hit"\} [1-9]/);
  });

  it("serves a customer read by any earlier batch, and a filtered list from the whole list it cached", async () => {
    t = await startCachedGraph(60_000);
    const page = await t.query<{ customers: { nodes: Array<{ sourceId: string }> } }>(
      `{ customers(first: 4, filter: { sources: [RPM] }) { nodes { sourceId website } } }`,
    );
    const ids = page.data!.customers.nodes.map((n) => n.sourceId);
    t.resetStats();
    // Two of the four details again, one by one: no call. Another filter is applied to the whole list, cached.
    for (const id of ids.slice(0, 2)) await t.query(`{ customerBySourceId(source: RPM, sourceId: "${id}") { website } }`);
    expect(t.calls("rpm")).toBe(0);
    const filtered = await t.query<{ customers: { nodes: Array<{ name: string }> } }>(
      `{ customers(first: 4, filter: { sources: [RPM], search: "a" }) { nodes { name } } }`,
    );
    expect(filtered.data!.customers.nodes.length).toBeGreaterThan(0);
    expect(filtered.data!.customers.nodes.every((n) => n.name.toLowerCase().includes("a"))).toBe(true);
    expect(t.calls("rpm", "Customers")).toBe(0);
  });

  it("never stores a vendor error, and a failing vendor still costs only its own data", async () => {
    t = await startCachedGraph(60_000, { resilience: { retries: 0 } });
    t.sims.faults.set({ wms: { faults: [{ kind: "500", rate: 1 }] } });
    const failed = await t.query<{ customers: { nodes: Array<{ source: string }> } }>(
      `{ customers(first: 30, filter: { sources: [RPM, WMS] }) { totalCount nodes { source } } }`,
    );
    expect(failed.errors).toEqual([expect.objectContaining({ path: ["customers"], extensions: { code: "UPSTREAM_UNAVAILABLE", source: "WMS" } })]);
    expect(new Set(failed.data!.customers.nodes.map((n) => n.source))).toEqual(new Set(["RPM"]));
    t.sims.faults.set({});
    t.resetStats();
    const healed = await t.query<{ customers: { totalCount: number; nodes: Array<{ source: string }> } }>(
      `{ customers(first: 30, filter: { sources: [RPM, WMS] }) { totalCount nodes { source } } }`,
    );
    expect(healed.errors).toBeUndefined();
    expect(healed.data!.customers.totalCount).toBe(24);
    // WMS is asked again (its error was not kept); RPM's list came from the cache.
    expect(t.calls("wms", "GET /Customer/All")).toBeGreaterThan(0);
    expect(t.calls("rpm")).toBe(0);
  });
});
