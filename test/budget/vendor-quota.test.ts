import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS } from "../../src/config.js";
import { simulatorEndpoints } from "../../src/app.js";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";

const ext = (r: GraphResult) => r.extensions ?? {};
const TTL_MS = 400;

describe("a vendor's daily quota (KOMET_DAILY_CALLS=20, WMS_DAILY_CALLS=10, VENDOR_WRITE_RESERVE 10%)", () => {
  let t: TestGraph;
  let firstPage: GraphResult;
  beforeAll(async () => {
    t = await startTestGraph({
      budget: { dailyCalls: { KOMET: 20, WMS: 10 } },
      responseCache: { ttlMs: TTL_MS, maxRecords: 10_000 },
    });
  });
  afterAll(() => t.close());

  it("shows the quota in sources { quota } (null where none is set)", async () => {
    const r = await t.query<{ sources: Array<{ source: string; quota: null | { limit: number; used: number; remaining: number; resetsAt: string } }> }>(
      `{ sources { source quota { limit used remaining resetsAt } } }`,
    );
    const bySource = Object.fromEntries(r.data!.sources.map((s) => [s.source, s.quota]));
    expect(bySource.KOMET).toMatchObject({ limit: 20, used: 0, remaining: 20 });
    expect(bySource.RPM).toBeNull();
    expect(Date.parse(bySource.KOMET!.resetsAt) - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it("never makes the 21st Komet call: reads stop at the write reserve, with UPSTREAM_QUOTA_EXHAUSTED and no call", async () => {
    t.resetStats();
    firstPage = await t.query(`{ customers(first: 3, filter: {sources: [KOMET]}) { nodes { sourceId name } } }`);
    expect(firstPage.errors).toBeUndefined();
    let after: string | null = null;
    let refused: GraphResult | undefined;
    // Contacts are one call per customer: page through until the quota refuses.
    for (let i = 0; i < 10 && !refused; i++) {
      const r: GraphResult<{ customers: { pageInfo: { endCursor: string } } }> = await t.query(
        `query($after: String) { customers(first: 4, after: $after, filter: {sources: [KOMET]}) {
          pageInfo { endCursor } nodes { contacts(first: 1) { nodes { name } } } } }`,
        { after },
      );
      after = r.data?.customers.pageInfo.endCursor ?? after;
      if (r.errors?.some((e) => e.extensions?.code === "UPSTREAM_QUOTA_EXHAUSTED")) refused = r;
    }
    expect(refused).toBeDefined();
    const error = refused!.errors!.find((e) => e.extensions?.code === "UPSTREAM_QUOTA_EXHAUSTED")!;
    expect(error.extensions?.source).toBe("KOMET");
    // 90% of 20 for reads; the reserve is never read away, and nothing beyond the quota reaches Komet.
    expect(t.calls("komet")).toBe(18);
    const quota = await t.query<{ sources: Array<{ source: string; quota: { used: number; remaining: number } | null }> }>(
      `{ sources { source quota { used remaining } } }`,
    );
    expect(quota.data!.sources.find((s) => s.source === "KOMET")!.quota).toEqual({ used: 18, remaining: 2 });
  });

  it("answers a read the cache still holds, expired, from the cache and flags it stale; an uncached one fails at once", async () => {
    await sleep(TTL_MS + 50);
    t.resetStats();
    const again = await t.query(`{ customers(first: 3, filter: {sources: [KOMET]}) { nodes { sourceId name } } }`);
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(firstPage.data);
    expect(ext(again).stale).toEqual([{ source: "KOMET", ageSeconds: expect.any(Number) }]);
    // Ship-to lists were never read: nothing to stand in for them.
    const uncached = await t.query(`{ customers(first: 1, filter: {sources: [KOMET]}) { nodes { locations(first: 1) { nodes { name } } } } }`);
    expect(uncached.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_QUOTA_EXHAUSTED", source: "KOMET" });
    expect(uncached.errors?.[0]?.path).toEqual(["customers", "nodes", 0, "locations"]);
    expect(t.calls("komet")).toBe(0);
  });

  it("lets a write spend the reserve once reads are refused", async () => {
    t.resetStats();
    let readsRefused = false;
    for (let page = 0; page < 12 && !readsRefused; page++) {
      const r = await t.query(`{ customerBySourceId(source: WMS, sourceId: "NO-SUCH-${page}") { name } }`);
      readsRefused = r.errors?.some((e) => e.extensions?.code === "UPSTREAM_QUOTA_EXHAUSTED") ?? false;
    }
    expect(readsRefused).toBe(true);
    expect(t.calls("wms")).toBe(9); // the token request included: 90% of 10
    const write = await t.query<{ upsertCustomer: { created: boolean; userErrors: unknown[] } }>(
      `mutation { upsertCustomer(input: { shortId: "RESERVE-WRITE", name: "Written on the reserve", country: "US" }) { created userErrors { code } } }`,
    );
    expect(write.errors).toBeUndefined();
    expect(write.data!.upsertCustomer).toEqual({ created: true, userErrors: [] });
    expect(t.calls("wms", "POST /Customer")).toBe(1);
  });

  it("publishes the quota's remainder and the refusals on /metrics", async () => {
    const text = await (await fetch(`${t.graph.url}/metrics`)).text();
    expect(text).toMatch(/customer_graph_vendor_quota_remaining\{source="KOMET"\} 2/);
    expect(text).toMatch(/customer_graph_vendor_calls_refused_total\{source="KOMET",reason="quota"\} [1-9]/);
  });
});

describe("the vendor's own daily-limit answer", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({
      vendors: (sims) => ({ ...simulatorEndpoints(sims), komet: { url: sims.baseUrls.komet, token: "sim-komet-limited" } }),
    });
  });
  afterAll(() => t.close());

  it("marks the quota spent until the reset, so the service stops calling", async () => {
    expect(SIMULATOR_CREDENTIALS.komet.token).not.toBe("sim-komet-limited");
    t.resetStats();
    const first = await t.query(`{ customers(first: 1, filter: {sources: [KOMET]}) { nodes { name } } }`);
    expect(first.errors?.[0]?.extensions?.code).toBe("UPSTREAM_RATE_LIMITED");
    expect(t.calls("komet")).toBe(1);
    const second = await t.query(`{ customers(first: 1, filter: {sources: [KOMET]}) { nodes { name } } }`);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_QUOTA_EXHAUSTED", source: "KOMET" });
    expect(t.calls("komet")).toBe(1);
  });
});
