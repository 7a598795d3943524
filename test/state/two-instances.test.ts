import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph, type TestGraphOptions } from "../support/graph.js";
import { startRedisServer, type RedisServer } from "../support/redis-server.js";

const SIZES = { rpm: 12, wms: 30, komet: 12, connect: 12 };
const CACHE = { ttlMs: 60_000, maxRecords: 10_000 };

type Page = { customers: { nodes: Array<{ id: string; sourceId: string; name: string }> } };
const WMS_PAGE = `{ customers(first: 10, filter: { sources: [WMS] }) { nodes { id sourceId name } } }`;
const KOMET_WITH_CONTACTS = `{ customers(first: 3, filter: { sources: [KOMET] }) { nodes { name contacts(first: 2) { nodes { name } } } } }`;
const RENAME = `mutation($id: ID!, $name: String!) { editCustomer(input: { id: $id, name: $name }) { customer { name } userErrors { message } } }`;
const byId = (sourceId: string) => `{ customerBySourceId(source: WMS, sourceId: "${sourceId}") { name } }`;

/** Two instances of the graph on one Redis, in front of one set of simulators (A's). */
async function twoInstances(redisUrl: string, options: TestGraphOptions = {}): Promise<[TestGraph, TestGraph]> {
  const a = await startTestGraph({ sizes: SIZES, redisUrl, ...options });
  const b = await startTestGraph({ redisUrl, ...options, sims: a.sims });
  return [a, b];
}

describe("several instances on one Redis", () => {
  let redis: RedisServer;
  let instances: TestGraph[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });
  afterEach(async () => {
    // B first: A owns the simulators.
    for (const graph of instances.reverse()) await graph.close();
    instances = [];
  });

  it("share the response cache: a read on A, then on B, costs the vendors nothing the second time", async () => {
    const [a, b] = (instances = await twoInstances(redis.url, { responseCache: CACHE }));
    const page = await a.query<Page>(WMS_PAGE);
    const target = page.data!.customers.nodes[3]!;
    const komet = await a.query(KOMET_WITH_CONTACTS);
    const detail = await a.query(byId(target.sourceId));
    expect(a.calls("wms")).toBeGreaterThan(0);
    a.resetStats();

    expect((await b.query(WMS_PAGE)).data).toEqual(page.data);
    expect((await b.query(KOMET_WITH_CONTACTS)).data).toEqual(komet.data);
    expect((await b.query(byId(target.sourceId))).data).toEqual(detail.data);
    expect(b.stats()).toEqual({});
  });

  it("see a write on A at B's very next read: the record written through, the list carried over from Redis", async () => {
    const [a, b] = (instances = await twoInstances(redis.url, { responseCache: CACHE }));
    // A page only B has read: A takes it from Redis to carry it over.
    const page = await b.query<Page>(WMS_PAGE);
    const target = page.data!.customers.nodes[4]!;
    const other = page.data!.customers.nodes[5]!;
    await b.query(byId(target.sourceId));
    await b.query(byId(other.sourceId));

    const edit = await a.query<{ editCustomer: { customer: { name: string } } }>(RENAME, { id: target.id, name: "Renamed On A" });
    expect(edit.data!.editCustomer.customer.name).toBe("Renamed On A");
    a.resetStats();
    expect((await b.query(byId(target.sourceId))).data).toEqual({ customerBySourceId: { name: "Renamed On A" } });
    expect((await b.query(byId(other.sourceId))).data).toEqual({ customerBySourceId: { name: other.name } });
    // Neither record was read again: one is the write's answer, the other was not changed by it.
    expect(b.calls("wms", "GET /Customer/{id}")).toBe(0);
    const after = await b.query<Page>(WMS_PAGE);
    expect(after.data!.customers.nodes.map((n) => n.name)).toEqual(page.data!.customers.nodes.map((n, i) => (i === 4 ? "Renamed On A" : n.name)));
    expect(b.stats()).toEqual({});
  });

  it("see a write on A in B's next page, carried over by A through Redis without a list read", async () => {
    const [a, b] = (instances = await twoInstances(redis.url, { responseCache: CACHE }));
    const page = await a.query<Page>(WMS_PAGE);
    expect((await b.query<Page>(WMS_PAGE)).data).toEqual(page.data);
    const target = page.data!.customers.nodes[6]!;
    const edit = await a.query<{ editCustomer: { customer: { name: string } } }>(RENAME, { id: target.id, name: "Carried Over On A" });
    expect(edit.data!.editCustomer.customer.name).toBe("Carried Over On A");
    a.resetStats();
    // B's own copy of the page is dead by A's write; A's carried-over copy in Redis answers.
    const after = await b.query<Page>(WMS_PAGE);
    expect(after.data!.customers.nodes.map((n) => n.name)).toEqual(page.data!.customers.nodes.map((n, i) => (i === 6 ? "Carried Over On A" : n.name)));
    expect(b.stats()).toEqual({});
  });

  it("share the WMS token: one Token call for both instances", async () => {
    const [a, b] = (instances = await twoInstances(redis.url));
    a.resetStats();
    const answers = await Promise.all([a.query(WMS_PAGE), b.query(WMS_PAGE), a.query(WMS_PAGE), b.query(WMS_PAGE)]);
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(a.calls("wms", "Token")).toBe(1);
    expect(a.calls("wms", "GET /Customer/All")).toBe(4);
  });

  it("share persisted queries: a query registered on A is found by its hash on B", async () => {
    const [a, b] = (instances = await twoInstances(redis.url));
    const query = `{ sources { source } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
    const post = (graph: TestGraph, body: unknown) =>
      fetch(`${graph.graph.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
        async (res) => ({ status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } }),
      );
    const unknown = await post(b, { extensions: { persistedQuery } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await post(a, { query, extensions: { persistedQuery } });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await post(b, { extensions: { persistedQuery } });
    expect(byHash).toEqual({ status: 200, body: registered.body });
  });

  it("Redis stopped during a mixed load on both: no 5xx, every answer right or a coded error, sharing back after a restart", async () => {
    const [a, b] = (instances = await twoInstances(redis.url, { responseCache: CACHE }));
    const customers = (await a.query<Page>(WMS_PAGE)).data!.customers.nodes;
    const failures: string[] = [];
    let acknowledged = 0;
    let readBack = 0;
    const check = (what: string, answer: { status: number; errors?: Array<{ extensions?: Record<string, unknown> }> }) => {
      if (answer.status >= 500) failures.push(`${what}: HTTP ${answer.status}`);
      for (const error of answer.errors ?? []) if (typeof error.extensions?.code !== "string") failures.push(`${what}: an error without a code`);
      return !answer.errors;
    };
    let stop = false;
    let phase = "before";
    const worker = async (n: number) => {
      for (let round = 0; !stop; round++) {
        const [here, there] = (n + round) % 2 === 0 ? [a, b] : [b, a];
        check("WMS page", await here.query(WMS_PAGE));
        check("Komet with contacts", await here.query(KOMET_WITH_CONTACTS));
        // Each worker renames its own customer, so the name read back on the other instance must be this one.
        const target = customers[n]!;
        const name = `Worker ${n} round ${round}`;
        const edit = await here.query<{ editCustomer: { customer: { name: string } } }>(RENAME, { id: target.id, name });
        if (!check("rename", edit)) continue;
        acknowledged += 1;
        const read = await there.query<{ customerBySourceId: { name: string } }>(byId(target.sourceId));
        if (check("read back", read)) {
          if (read.data!.customerBySourceId.name !== name) failures.push(`read back (${phase}): ${read.data!.customerBySourceId.name} instead of ${name}`);
          else readBack += 1;
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await new Promise((resolve) => setTimeout(resolve, 500));
    phase = "stopping";
    await redis.stop();
    phase = "stopped";
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.sharedState.available()).toBe(false);
    const metrics = await (await fetch(`${a.graph.url}/metrics`)).text();
    expect(metrics).toContain('customer_graph_shared_state_available 0');
    await new Promise((resolve) => setTimeout(resolve, 800));
    phase = "restarting";
    await redis.restart();
    phase = "restarted";
    for (let i = 0; i < 50 && !(a.sharedState.available() && b.sharedState.available()); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await load;

    expect(failures).toEqual([]);
    expect(acknowledged).toBeGreaterThan(10);
    expect(readBack).toBe(acknowledged);
    // Sharing resumes: a read on A, then on B, costs nothing the second time.
    const page = await a.query(`{ customers(first: 7, filter: { sources: [WMS] }) { nodes { name } } }`);
    a.resetStats();
    expect((await b.query(`{ customers(first: 7, filter: { sources: [WMS] }) { nodes { name } } }`)).data).toEqual(page.data);
    expect(b.stats()).toEqual({});
  });

  it("a Redis that hangs (paused, connections open) costs a request one command timeout at most, then none", async () => {
    const [a, b] = (instances = await twoInstances(redis.url, { responseCache: CACHE }));
    const page = await a.query<Page>(WMS_PAGE);
    const target = page.data!.customers.nodes[6]!;
    redis.pause();
    try {
      const took: number[] = [];
      for (let i = 0; i < 6; i++) {
        for (const graph of [a, b]) {
          const started = Date.now();
          const answer = await graph.query<{ customerBySourceId: { name: string } }>(byId(target.sourceId));
          took.push(Date.now() - started);
          expect(answer.status).toBe(200);
          expect(answer.data).toEqual({ customerBySourceId: { name: target.name } });
        }
      }
      // The first request on each instance waits for the command timeout (1 s); the connection is then dropped
      // and every later request goes straight to the vendor.
      expect(took.slice(2).every((ms) => ms < 900), JSON.stringify(took)).toBe(true);
      expect(a.sharedState.available()).toBe(false);
    } finally {
      redis.resume();
    }
    for (let i = 0; i < 50 && !(a.sharedState.available() && b.sharedState.available()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(a.sharedState.available() && b.sharedState.available()).toBe(true);
    // Each instance's first lookup once Redis is back marks everything changed (docs/operations.md); then they share.
    await Promise.all([a.query(WMS_PAGE), b.query(WMS_PAGE)]);
    const other = `{ customers(first: 9, filter: { sources: [WMS] }) { nodes { name } } }`;
    const first = await a.query(other);
    a.resetStats();
    expect((await b.query(other)).data).toEqual(first.data);
    expect(b.stats()).toEqual({});
  });
});

