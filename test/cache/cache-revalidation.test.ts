import { afterEach, describe, expect, it } from "vitest";
import type { TestGraph } from "../support/graph.js";
import { sleep, startCachedGraph, writeRpmDirectly, writeWmsDirectly } from "./support.js";

const TTL_MS = 400;
const afterTtl = () => sleep(TTL_MS + 150);

type Nodes<N> = { customers: { nodes: N[] } };

describe("response cache: after the TTL, change tokens instead of re-reads", () => {
  let t: TestGraph | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("WMS: one modifiedSince call keeps every entry while nothing changed, and re-reads only what did", async () => {
    t = await startCachedGraph(TTL_MS);
    const list = `{ customers(first: 5, filter: { sources: [WMS] }) { nodes { sourceId name } } }`;
    const ids = (await t.query<Nodes<{ sourceId: string }>>(list)).data!.customers.nodes.map((n) => n.sourceId);
    const one = (id: string) => `customerBySourceId(source: WMS, sourceId: "${id}") { sourceId name }`;
    const records = `{ a: ${one(ids[0]!)} b: ${one(ids[1]!)} c: ${one(ids[2]!)} }`;
    const readBoth = async () => ({ list: (await t!.query(list)).data, records: (await t!.query(records)).data });
    const before = await readBoth();
    expect(t.calls("wms", "GET /Customer/{id}")).toBe(3);

    await afterTtl();
    t.resetStats();
    expect(await readBoth()).toEqual(before);
    // The change check, and nothing else: a plain re-read would be one list call and three record calls.
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
    expect(t.calls("wms", "GET /Customer/{id}")).toBe(0);

    await writeWmsDirectly(t.sims, ids[0]!, "Renamed Behind The Graph");
    await afterTtl();
    t.resetStats();
    const after = await readBoth();
    expect(JSON.stringify(after.list)).toContain("Renamed Behind The Graph");
    expect(after.records).toMatchObject({ a: { name: "Renamed Behind The Graph" }, b: before.records!.b, c: before.records!.c });
    // The check, then the list again; of the records only the changed one.
    expect(t.calls("wms", "GET /Customer/All")).toBe(2);
    expect(t.calls("wms", "GET /Customer/{id}")).toBe(1);
  });

  it("RPM: one Customers call keeps the details whose Modified did not change", async () => {
    t = await startCachedGraph(TTL_MS);
    const query = `{ customers(first: 3, filter: { sources: [RPM] }) { nodes { sourceId website } } }`;
    const before = await t.query<Nodes<{ sourceId: string; website: string | null }>>(query);
    expect(t.calls("rpm", "Customer")).toBe(3);

    await afterTtl();
    t.resetStats();
    expect((await t.query(query)).data).toEqual(before.data);
    expect(t.calls("rpm", "Customers")).toBe(1);
    expect(t.calls("rpm", "Customer")).toBe(0);

    const changed = before.data!.customers.nodes[1]!;
    await writeRpmDirectly(t.sims, Number(changed.sourceId), "https://changed.example.com");
    await afterTtl();
    t.resetStats();
    const after = await t.query<Nodes<{ sourceId: string; website: string | null }>>(query);
    expect(after.data!.customers.nodes.map((n) => n.website)).toEqual(
      before.data!.customers.nodes.map((n) => (n.sourceId === changed.sourceId ? "https://changed.example.com" : n.website)),
    );
    expect(t.calls("rpm", "Customers")).toBe(2);
    expect(t.calls("rpm", "Customer")).toBe(1);
  });

  it("Komet: one updateAsOf call keeps the lists; contact lists, their own calls, expire with the TTL", async () => {
    t = await startCachedGraph(TTL_MS);
    const query = `{ customers(first: 3, filter: { sources: [KOMET] }) { nodes { sourceId name contacts { nodes { name } } } } }`;
    const before = await t.query(query);
    expect(t.calls("komet", "customer.list")).toBe(1);
    expect(t.calls("komet", "customer.contact.list")).toBe(3);

    await afterTtl();
    t.resetStats();
    expect((await t.query(query)).data).toEqual(before.data);
    expect(t.calls("komet", "customer.list")).toBe(1);
    expect(t.calls("komet", "customer.contact.list")).toBe(3);
  });

  it("Connect, without a change token, reads again once the TTL is over", async () => {
    t = await startCachedGraph(TTL_MS);
    const query = `{ customers(first: 3, filter: { sources: [CONNECT] }) { nodes { sourceId name } } }`;
    const before = await t.query(query);
    t.resetStats();
    await t.query(query);
    expect(t.calls("connect")).toBe(0);
    await afterTtl();
    expect((await t.query(query)).data).toEqual(before.data);
    expect(t.calls("connect", "GET /customers")).toBe(1);
  });

  it("a failed change check serves nothing stale: the read goes to the vendor and its error to the caller", async () => {
    t = await startCachedGraph(TTL_MS, { resilience: { retries: 0 } });
    const query = `{ customers(first: 3, filter: { sources: [WMS] }) { nodes { sourceId } } }`;
    await t.query(query);
    await afterTtl();
    t.sims.faults.set({ wms: { faults: [{ kind: "500", rate: 1 }] } });
    const failed = await t.query<Nodes<unknown>>(query);
    expect(failed.errors).toEqual([expect.objectContaining({ extensions: { code: "UPSTREAM_UNAVAILABLE", source: "WMS" } })]);
    expect(failed.data!.customers.nodes).toEqual([]);
  });
});
