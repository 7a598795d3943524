import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

type Page = {
  customers: { totalCount: number | null; pageInfo: { hasNextPage: boolean }; nodes: Array<{ source: string; sourceId: string }> };
};

describe("a failing vendor costs only its own data", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 10, wms: 10, komet: 10, connect: 10 }, timeoutMs: 2_000 });
  });
  afterAll(() => t.close());
  afterEach(() => t.sims.faults.set({}));

  it("answers a cross-vendor list with the other vendors' records and the failed vendor's error at the list", async () => {
    t.sims.faults.set({ rpm: { faults: [{ kind: "500", rate: 1 }] } });
    const res = await t.query<Page>(`{ customers(first: 25) { totalCount pageInfo { hasNextPage } nodes { source sourceId } } }`);
    expect(res.status).toBe(200);
    const sources = new Set(res.data!.customers.nodes.map((n) => n.source));
    expect(sources.has("RPM")).toBe(false);
    expect(res.data!.customers.nodes).toHaveLength(25);
    expect(res.data!.customers.totalCount).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({ path: ["customers"], extensions: { code: "UPSTREAM_UNAVAILABLE", source: "RPM" } }),
    ]);
  });

  it("keeps paging through the healthy vendors while one is down", async () => {
    t.sims.faults.set({ komet: { faults: [{ kind: "html", rate: 1 }] } });
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: { data?: { customers: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ source: string; sourceId: string }> } } | null } =
        await t.query(`query($after: String) { customers(first: 12, after: $after) { pageInfo { hasNextPage endCursor } nodes { source sourceId } } }`, { after });
      seen.push(...res.data!.customers.nodes.map((n) => `${n.source}:${n.sourceId}`));
      if (!res.data!.customers.pageInfo.hasNextPage) break;
      after = res.data!.customers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen.some((k) => k.startsWith("KOMET"))).toBe(false);
  });

  it("answers nodes of healthy vendors while the others' are null with errors at their paths", async () => {
    const ids = await t.query<{ r: { nodes: Array<{ id: string }> }; w: { nodes: Array<{ id: string }> } }>(
      `{ r: customers(first: 1, filter: { sources: [RPM] }) { nodes { id } } w: customers(first: 1, filter: { sources: [WMS] }) { nodes { id } } }`,
    );
    t.sims.faults.set({ rpm: { faults: [{ kind: "malformed", rate: 1 }] } });
    const res = await t.query<{ nodes: Array<{ id: string } | null> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [ids.data!.r.nodes[0]!.id, ids.data!.w.nodes[0]!.id],
    });
    expect(res.data!.nodes[0]).toBeNull();
    expect(res.data!.nodes[1]).toEqual({ id: ids.data!.w.nodes[0]!.id });
    expect(res.errors).toEqual([
      expect.objectContaining({ path: ["nodes", 0], extensions: { code: "UPSTREAM_BAD_RESPONSE", source: "RPM" } }),
    ]);
  });
});
