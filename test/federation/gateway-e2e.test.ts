import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IdCodec } from "../../src/ids.js";
import type { SourceName } from "../../src/model.js";
import { startStack, type Stack } from "../../scripts/stack/start-stack.js";

/**
 * The real picture: two instances of the service (processes, as `npm run dev` starts them) sharing one Redis,
 * one ID_SECRET and one set of vendor simulators, behind Debian's nginx, the example orders subgraph, and Hive
 * Gateway over the composed supergraph. Vendor calls are counted on the simulators, subgraph requests in
 * nginx's access log.
 */
const KEY = "federation-e2e-caller-key-0123";
const ID_SECRET = "federation-e2e-id-secret-0123456789";

type GraphAnswer = { status: number; data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
type Order = { number: string; customer: { source: SourceName; sourceId: string; name: string; email: string | null } };

async function post(url: string, query: string, variables?: Record<string, unknown>, key: string | null = KEY): Promise<GraphAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  try {
    return { status: res.status, ...(JSON.parse(text) as object) };
  } catch {
    return { status: res.status, errors: [{ message: text.slice(0, 200) }] };
  }
}

describe("two instances behind nginx, composed with the orders subgraph, served by Hive Gateway", () => {
  let stack: Stack;
  const ids = new IdCodec(ID_SECRET);
  const gateway = (query: string, variables?: Record<string, unknown>, key?: string | null) => post(stack.gateway.url, query, variables, key);
  /** Requests nginx passed to an instance while `run` ran, in order. */
  const proxiedDuring = async (run: () => Promise<unknown>) => {
    const before = stack.loadBalancer.upstreamLog().length;
    await run();
    await sleep(50); // nginx writes its access log line after the response
    return stack.loadBalancer.upstreamLog().slice(before);
  };

  beforeAll(async () => {
    stack = await startStack({
      callerKeys: `${KEY}=customers:read,customers:write`,
      readerKey: KEY,
      idSecret: ID_SECRET,
      sizes: { rpm: 20, wms: 20, komet: 20, connect: 20 },
    });
    // Each instance fetches its WMS token and opens its vendor connections once: not what the counts compare.
    const warmUp = `{ customers(first: 4) { nodes { name } } ${["RPM", "WMS", "KOMET", "CONNECT"].map((s) => `${s}: customers(first: 1, filter: { sources: [${s}] }) { nodes { name email } }`).join(" ")} }`;
    for (const instance of stack.instances) expect((await post(instance.url, warmUp)).errors).toBeUndefined();
  }, 180_000);
  afterAll(() => stack?.close(), 60_000);
  beforeEach(() => stack.simulators.stats.reset());

  it("answers orders whose customers span all four vendors with one _entities request, and the vendor calls of the same nodes(ids)", async () => {
    const query = `{ orders { number customer { source sourceId name email } } }`;
    let answer!: GraphAnswer;
    const proxied = await proxiedDuring(async () => (answer = await gateway(query)));
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    const orders = answer.data!.orders as Order[];
    expect(new Set(orders.map((o) => o.customer.source))).toEqual(new Set(["RPM", "WMS", "KOMET", "CONNECT"]));
    expect(orders.every((o) => o.customer.name.length > 0)).toBe(true);
    expect(proxied).toHaveLength(1);
    const viaGateway = stack.simulators.stats.snapshot();

    stack.simulators.stats.reset();
    const asked = stack.orderCustomers.map((c) => ids.encode({ type: "Customer", source: c.source as SourceName, customerId: c.sourceId }));
    const direct = await post(stack.loadBalancer.url, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { source sourceId name email } } }`, { ids: asked });
    expect(direct.errors).toBeUndefined();
    expect(stack.simulators.stats.snapshot()).toEqual(viaGateway);
    // And the same customers: what the gateway joined is what the graph answers by id.
    const byKey = new Map((direct.data!.nodes as Order["customer"][]).map((c) => [`${c.source}:${c.sourceId}`, c]));
    for (const o of orders) expect(o.customer).toEqual(byKey.get(`${o.customer.source}:${o.customer.sourceId}`));
  });

  it("makes one _entities request to the customer subgraph per level of a query that crosses the subgraphs twice", async () => {
    const query = `{ orders { number customer { name orders { number customer { email contacts(first: 1) { nodes { name } } } } } } }`;
    let answer!: GraphAnswer;
    const proxied = await proxiedDuring(async () => (answer = await gateway(query)));
    expect(answer.errors).toBeUndefined();
    const orders = answer.data!.orders as Array<{ customer: { orders: Array<{ number: string; customer: { email: string | null } }> } }>;
    expect(orders.every((o) => o.customer.orders.length === 2)).toBe(true);
    // Level 1: the orders' customers (name); level 3: the same customers again (email, contacts).
    expect(proxied).toHaveLength(2);
  });

  it("enters through the customer subgraph by global id and reaches the orders by `source sourceId`", async () => {
    const [first] = stack.orderCustomers;
    const id = ids.encode({ type: "Customer", source: first!.source as SourceName, customerId: first!.sourceId });
    const answer = await gateway(`query($id: ID!) { customer(id: $id) { sourceId name orders { number } } }`, { id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.customer).toMatchObject({ sourceId: first!.sourceId, orders: [{ number: "SO-1000" }, { number: "SO-1001" }] });
  });

  it("has the orders subgraph resolve a Customer by either key: the same orders for { id } and { source, sourceId }", async () => {
    const [, second] = stack.orderCustomers;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { orders { number } } } }`;
    const byId = await post(stack.orders.url.replace(/\/$/, ""), query, { r: [{ __typename: "Customer", id: second!.id }] }, null);
    const byKey = await post(stack.orders.url.replace(/\/$/, ""), query, {
      r: [{ __typename: "Customer", source: second!.source, sourceId: second!.sourceId }],
    }, null);
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual(byKey.data);
    expect(byId.data!._entities).toEqual([{ orders: [{ number: "SO-1002" }, { number: "SO-1003" }] }]);
  });

  it("forwards the caller's Authorization: without a key the customer subgraph refuses, and nothing reaches a vendor", async () => {
    const answer = await gateway(`{ orders { number customer { name } } }`, undefined, null);
    expect(answer.data?.orders ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(stack.simulators.stats.snapshot()).toEqual({});
  });

  it("alternates requests between the instances", async () => {
    const proxied = await proxiedDuring(async () => {
      for (let i = 0; i < 6; i++) expect((await gateway(`{ orders { customer { name } } }`)).errors).toBeUndefined();
    });
    const upstreams = proxied.map((p) => p.upstream);
    expect(new Set(upstreams)).toEqual(new Set(stack.instances.map((i) => new URL(i.url).host)));
    for (let i = 1; i < upstreams.length; i++) expect(upstreams[i]).not.toBe(upstreams[i - 1]);
  });

  it(
    "shares the response cache through Redis: a repeated query costs the vendors nothing on the second instance",
    async () => {
      const cached = await Promise.all([0, 1].map(() => stack.startInstance({ VENDOR_CACHE_TTL_MS: "60000" })));
      const query = `{ customers(first: 8) { nodes { sourceId name email } } }`;
      const first = await post(cached[0]!.url, query);
      expect(first.errors).toBeUndefined();
      expect(Object.keys(stack.simulators.stats.snapshot()).length).toBeGreaterThan(0);
      stack.simulators.stats.reset();
      const second = await post(cached[1]!.url, query);
      expect(second.data).toEqual(first.data);
      expect(stack.simulators.stats.snapshot()).toEqual({});
      await Promise.all(cached.map((c) => c.process.stop()));
    },
    120_000,
  );

  it("loses no acknowledged write and answers no 5xx when one instance stops in the middle of a bounded load", async () => {
    const logFrom = stack.loadBalancer.upstreamLog().length;
    const acknowledged = new Map<string, string>();
    const answers: GraphAnswer[] = [];
    const deadline = Date.now() + 5_000;
    let writes = 0;
    const worker = async (w: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        if (n % 3 === 2) {
          const shortId = `E2E-${w}-${writes++}`;
          const name = `Load ${shortId}`;
          const answer = await gateway(
            `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { sourceId name } userErrors { message } } }`,
            { input: { shortId, name } },
          );
          answers.push(answer);
          const payload = answer.data?.upsertCustomer as { customer: { name: string } | null; userErrors: unknown[] } | undefined;
          if (answer.status === 200 && payload?.customer?.name === name && payload.userErrors.length === 0) acknowledged.set(shortId, name);
        } else {
          answers.push(await gateway(`{ orders { number customer { name } } }`));
        }
      }
    };
    const stopped = stack.instances[0]!;
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await sleep(1_500);
    await stopped.process.stop("SIGTERM");
    await load;
    await sleep(50);

    const proxied = stack.loadBalancer.upstreamLog().slice(logFrom);
    const stoppedHost = new URL(stopped.url).host;
    expect(proxied.some((p) => p.upstream.includes(stoppedHost))).toBe(true);
    expect(proxied.filter((p) => p.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status >= 500 || a.errors)).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(5);

    // Every acknowledged write is there, read back through the instance that kept running.
    const survivor = stack.instances[1]!;
    const asked = [...acknowledged.keys()].map((shortId) => ids.encode({ type: "Customer", source: "WMS", customerId: shortId }));
    for (let i = 0; i < asked.length; i += 100) {
      const read = await post(survivor.url, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { sourceId name } } }`, { ids: asked.slice(i, i + 100) });
      expect(read.errors).toBeUndefined();
      for (const node of read.data!.nodes as Array<{ sourceId: string; name: string } | null>) {
        expect(node).not.toBeNull();
        expect(node!.name).toBe(acknowledged.get(node!.sourceId));
      }
    }
  }, 60_000);
});
