import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";
import { startRedisServer, type RedisServer } from "../support/redis-server.js";

const KEY = "SharedBudgetKey0123456789";
const LOAD_KEY = "LoadKeyWithoutBudget0123";
const callerOf = (r: GraphResult) => r.extensions?.cost?.caller;

/** Each request: a page of Komet customers with their contacts (one call per customer). */
const KOMET_PAGE = (offset: number) =>
  `{ customers(first: 3, filter: { sources: [KOMET], search: "${"aeiou"[offset % 5]}" }) { nodes { name contacts(first: 1) { nodes { name } } } } }`;

describe("vendor quotas and caller budgets shared by two instances on one Redis", () => {
  let redis: RedisServer;
  let a: TestGraph;
  let b: TestGraph;
  beforeAll(async () => {
    redis = await startRedisServer();
    const options = {
      redisUrl: redis.url,
      budget: { dailyCalls: { KOMET: 30 } },
      callerKeys: `${KEY}=customers:read,calls:10/hour;${LOAD_KEY}=customers:read`,
    };
    a = await startTestGraph({ ...options, sizes: { komet: 200 } });
    b = await startTestGraph({ ...options, sims: a.sims });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await redis.stop();
  });

  it("never let the vendor's calls exceed its quota under concurrent load on both instances", async () => {
    a.resetStats();
    const load = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).query(KOMET_PAGE(i), undefined, { key: LOAD_KEY }));
    const answers = await Promise.all(load);
    // 90% of 30 for reads, counted once for both instances: never more, whatever the interleaving.
    expect(a.calls("komet")).toBeLessThanOrEqual(27);
    expect(a.calls("komet")).toBeGreaterThan(20);
    const refused = answers.filter((r) => r.errors?.some((e) => e.extensions?.code === "UPSTREAM_QUOTA_EXHAUSTED"));
    expect(refused.length).toBeGreaterThan(0);
    const quota = async (graph: TestGraph) =>
      (await graph.query<{ sources: Array<{ source: string; quota: { used: number } | null }> }>(`{ sources { source quota { used } } }`, undefined, { key: LOAD_KEY }))
        .data!.sources.find((s) => s.source === "KOMET")!.quota!.used;
    // Both instances read the same figure, which is what the vendor counted.
    expect(await quota(a)).toBe(a.calls("komet"));
    expect(await quota(b)).toBe(a.calls("komet"));
  });

  it("count a caller's budget once for both instances", async () => {
    const spend = await a.query(`{ customers(first: 3, filter: { sources: [RPM] }) { nodes { website } } }`, undefined, { key: KEY });
    expect(callerOf(spend)).toEqual({ limit: 10, remaining: 6, resetsAt: expect.any(String) });
    const onB = await b.query(`{ sources { source } }`, undefined, { key: KEY });
    expect(callerOf(onB)).toMatchObject({ limit: 10, remaining: 6 });
    // 7 estimated (the list, 6 details) against the 6 left.
    const refused = await b.query(`{ customers(first: 6, filter: { sources: [RPM] }) { nodes { website } } }`, undefined, { key: KEY });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe("THROTTLED");
  });
});

describe("a quota while Redis is lost", () => {
  let redis: RedisServer;
  let a: TestGraph;
  beforeAll(async () => {
    redis = await startRedisServer();
    a = await startTestGraph({ redisUrl: redis.url, budget: { dailyCalls: { WMS: 40 } }, sizes: { wms: 30 } });
  });
  afterAll(async () => {
    await a.close();
    await redis.stop();
  });

  const wmsRead = (i: number) => a.query(`{ customerBySourceId(source: WMS, sourceId: "NO-SUCH-${i}") { name } }`);

  it("goes on counting in the process, allowing itself half of what the shared counter had left, with no 5xx", async () => {
    a.resetStats();
    for (let i = 0; i < 4; i++) await wmsRead(i);
    const before = a.calls("wms"); // the token and four reads, counted in Redis
    await redis.stop();
    a.resetStats();
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await wmsRead(100 + i));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Reads may spend 36 of 40 (the write reserve); alone, this instance allows itself half of what was left.
    expect(a.calls("wms")).toBe(Math.floor((36 - before) / 2));
    expect(answers.at(-1)!.errors?.[0]?.extensions?.code).toBe("UPSTREAM_QUOTA_EXHAUSTED");
    await redis.restart();
  });
});
