import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { simulatorEndpoints } from "../../src/app.js";
import { IdCodec } from "../../src/ids.js";
import { startCountingProxy, type CountingProxy } from "../support/counting-proxy.js";
import { startTestGraph, TEST_ID_SECRET, type TestGraph } from "../support/graph.js";

type Ids = { customers: { nodes: Array<{ id: string }> } };
type Page = {
  customers: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ source: string; sourceId: string }> };
};

const NODES = (selection: string) => `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { ${selection} } } }`;

describe("lookups by id read a FULL_LIST vendor's list when that costs fewer calls", () => {
  let t: TestGraph;
  let rpmIds: string[];
  let kometIds: string[];

  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 30, wms: 20, komet: 20, connect: 10 } });
    const ids = async (source: string) =>
      (await t.query<Ids>(`{ customers(first: 6, filter: { sources: [${source}] }) { nodes { id } } }`)).data!.customers.nodes.map((n) => n.id);
    rpmIds = await ids("RPM");
    kometIds = await ids("KOMET");
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  it("answers 6 RPM ids asking only list fields with one Customers call and no Customer call", async () => {
    const res = await t.query<{ nodes: Array<{ id: string; name: string; source: string } | null> }>(NODES("name source sourceId"), {
      ids: [...rpmIds, rpmIds[2], rpmIds[0]],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes.map((n) => n?.id)).toEqual([...rpmIds, rpmIds[2], rpmIds[0]]);
    expect(res.data!.nodes.every((n) => n?.source === "RPM" && n.name.length > 0)).toBe(true);
    expect(t.stats()).toEqual({ rpm: { Customers: 1 } });
  });

  it("reads the details instead when the selection needs them (website): Customer calls only", async () => {
    const res = await t.query<{ nodes: Array<{ website: string | null } | null> }>(NODES("name website"), { ids: rpmIds });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes.every((n) => n !== null)).toBe(true);
    expect(t.stats()).toEqual({ rpm: { Customer: 6 } });
  });

  it("sees detail fields through named fragments on Node or Customer", async () => {
    const res = await t.query(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ...N } }
       fragment N on Node { id ...C }
       fragment C on Customer { name contacts { nodes { name } } }`,
      { ids: rpmIds },
    );
    expect(res.errors).toBeUndefined();
    expect(t.stats()).toEqual({ rpm: { Customer: 6 } });
  });

  it("answers the same as detail reads, and null for an id absent from the complete list", async () => {
    const ids = new IdCodec(TEST_ID_SECRET);
    const missing = ids.encode({ type: "Customer", source: "RPM", customerId: "999999" });
    const garbage = ids.encode({ type: "Customer", source: "RPM", customerId: "../x" });
    const asked = [rpmIds[0]!, missing, rpmIds[1]!, garbage];
    const listed = await t.query<{ nodes: Array<{ sourceId: string; name: string; active: boolean } | null> }>(
      NODES("sourceId name active createdAt updatedAt"),
      { ids: asked },
    );
    expect(t.stats()).toEqual({ rpm: { Customers: 1 } });
    t.resetStats();
    const detailed = await t.query<{ nodes: Array<{ sourceId: string; name: string; active: boolean } | null> }>(
      NODES("sourceId name active createdAt updatedAt website"),
      { ids: asked },
    );
    expect(t.calls("rpm", "Customers")).toBe(0);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.nodes[1]).toBeNull();
    expect(listed.data!.nodes[3]).toBeNull();
    expect(listed.data!.nodes.map((n) => n && { ...n, website: undefined })).toEqual(
      detailed.data!.nodes.map((n) => n && { ...n, website: undefined }),
    );
  });

  it("reads by detail an id whose lookup elsewhere in the request needs it, and the other ids by list", async () => {
    // `a` is asked by both fields, once with website: its detail read serves both; b and c come from the list.
    const [a, b, c] = rpmIds;
    const res = await t.query<{ nodes: Array<{ name: string }>; one: { name: string; website: string | null } }>(
      `query($a: ID!, $b: ID!, $c: ID!) { nodes(ids: [$a, $b, $c]) { id ... on Customer { name } }
                                          one: customer(id: $a) { name website } }`,
      { a, b, c },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.one.name).toBe(res.data!.nodes[0]!.name);
    expect(t.stats()).toEqual({ rpm: { Customers: 1, Customer: 1 } });
  });

  it("shares the list with the request's customers connection: one Customers call for both", async () => {
    const res = await t.query(
      `query($ids: [ID!]!) { customers(first: 3, filter: { sources: [RPM] }) { nodes { name } }
                             nodes(ids: $ids) { ... on Customer { name } } }`,
      { ids: rpmIds },
    );
    expect(res.errors).toBeUndefined();
    expect(t.stats()).toEqual({ rpm: { Customers: 1 } });
  });

  it("reads a contact's node through its customer's detail, the customers beside it through the list", async () => {
    const withContacts = await t.query<{ nodes: Array<{ id: string; contacts: { nodes: Array<{ id: string }> } }> }>(
      NODES("contacts { nodes { id } }"),
      { ids: rpmIds },
    );
    const owner = withContacts.data!.nodes.find((n) => n.contacts.nodes.length > 0)!;
    const others = rpmIds.filter((id) => id !== owner.id).slice(0, 2);
    t.resetStats();
    const res = await t.query<{ nodes: Array<{ id: string } | null> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [owner.contacts.nodes[0]!.id, ...others],
    });
    expect(res.data!.nodes.map((n) => n?.id)).toEqual([owner.contacts.nodes[0]!.id, ...others]);
    expect(t.stats()).toEqual({ rpm: { Customer: 1, Customers: 1 } });
  });

  it("Komet: two ids asking list fields cost one customer.list call", async () => {
    const res = await t.query(NODES("name code"), { ids: kometIds.slice(0, 2) });
    expect(res.errors).toBeUndefined();
    expect(t.stats()).toEqual({ komet: { "customer.list": 1 } });
  });

  it("keeps one id a detail read", async () => {
    const res = await t.query(`query($id: ID!) { node(id: $id) { id ... on Customer { name } } }`, { id: rpmIds[3] });
    expect(res.errors).toBeUndefined();
    expect(t.stats()).toEqual({ rpm: { Customer: 1 } });
  });
});

describe("a page across vendors reads its parts in one round trip", () => {
  let t: TestGraph;
  let proxy: CountingProxy;
  let page1: Page["customers"];
  const PAGE = `query($first: Int!, $after: String) { customers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { source sourceId } } }`;

  beforeAll(async () => {
    t = await startTestGraph({
      sizes: { rpm: 120, wms: 300, komet: 5, connect: 5 },
      vendors: async (sims) => {
        proxy = await startCountingProxy(sims.url);
        const endpoints = simulatorEndpoints(sims);
        return { ...endpoints, rpm: { ...endpoints.rpm!, url: proxy.url("/rpm") }, wms: { ...endpoints.wms!, url: proxy.url("/wms") } };
      },
    });
    // The WMS token first, so that the page's own calls are all there is.
    await t.query(`{ customers(first: 1, filter: { sources: [WMS] }) { nodes { name } } }`);
    page1 = (await t.query<Page>(PAGE, { first: 100 })).data!.customers;
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });
  beforeEach(() => t.resetStats());

  it("reads RPM's last 20 and WMS's first 80 at the same time: 2 calls, both in flight at once", async () => {
    expect(proxy.maxInFlight()).toBe(1);
    t.sims.faults.set({ rpm: { latencyMs: 100 }, wms: { latencyMs: 100 } });
    try {
      const res = await t.query<Page>(PAGE, { first: 100, after: page1.pageInfo.endCursor });
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.customers.nodes;
      expect(nodes.slice(0, 20).every((n) => n.source === "RPM")).toBe(true);
      expect(nodes.slice(20).every((n) => n.source === "WMS")).toBe(true);
      expect(nodes).toHaveLength(100);
      expect(res.data!.customers.pageInfo.hasNextPage).toBe(true);
    } finally {
      t.sims.faults.set({});
    }
    expect(t.stats()).toEqual({ rpm: { Customers: 1 }, wms: { "GET /Customer/All": 1 } });
    expect(proxy.maxInFlight()).toBe(2);
  });

  it("makes no early call when the page ends inside the first vendor", async () => {
    const res = await t.query<Page>(PAGE, { first: 10, after: page1.pageInfo.endCursor });
    expect(res.data!.customers.nodes.map((n) => n.source)).toEqual(Array(10).fill("RPM"));
    expect(t.stats()).toEqual({ rpm: { Customers: 1 } });
  });

  it("probes the next vendor alongside when the page ends exactly at RPM's end", async () => {
    const res = await t.query<Page>(PAGE, { first: 20, after: page1.pageInfo.endCursor });
    expect(res.data!.customers.nodes.map((n) => n.source)).toEqual(Array(20).fill("RPM"));
    expect(res.data!.customers.pageInfo.hasNextPage).toBe(true);
    expect(t.stats()).toEqual({ rpm: { Customers: 1 }, wms: { "GET /Customer/All": 1 } });
  });

  it("pages the same records with or without the early reads", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const res: { data?: Page | null } = await t.query<Page>(PAGE, { first: 70, after });
      const customers: Page["customers"] = res.data!.customers;
      seen.push(...customers.nodes.map((n) => `${n.source}:${n.sourceId}`));
      if (!customers.pageInfo.hasNextPage) break;
      after = customers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(120 + 300 + 5 + 5);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("VENDOR_CONCURRENCY bounds a vendor's calls per request, not per DataLoader batch", () => {
  let t: TestGraph;
  let proxy: CountingProxy;

  beforeAll(async () => {
    t = await startTestGraph({
      sizes: { rpm: 60, wms: 5, komet: 5, connect: 5 },
      vendors: async (sims) => {
        proxy = await startCountingProxy(sims.url);
        const endpoints = simulatorEndpoints(sims);
        return { ...endpoints, rpm: { ...endpoints.rpm!, url: proxy.url("/rpm") } };
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  it("keeps two batches of RPM detail reads in one request within one limit of 8 (test graphs use 8)", async () => {
    const first = await t.query<{ customers: { pageInfo: { endCursor: string }; nodes: Array<{ id: string }> } }>(
      `{ customers(first: 20, filter: { sources: [RPM] }) { pageInfo { endCursor } nodes { id } } }`,
    );
    const ids = first.data!.customers.nodes.map((n) => n.id);
    expect(proxy.maxInFlight()).toBe(1);
    t.resetStats();
    t.sims.faults.set({ rpm: { latencyMs: 60 } });
    try {
      // Batch one: 20 Customer calls for the nodes' websites, from the start. Batch two: 20 more for the next
      // page's contacts, once its Customers list has answered (60 ms in), while batch one is still in its waves.
      const res = await t.query(
        `query($ids: [ID!]!, $after: String) { nodes(ids: $ids) { ... on Customer { website } }
           customers(first: 20, after: $after, filter: { sources: [RPM] }) { nodes { contacts { nodes { name } } } } }`,
        { ids, after: first.data!.customers.pageInfo.endCursor },
      );
      expect(res.errors).toBeUndefined();
    } finally {
      t.sims.faults.set({});
    }
    expect(t.stats()).toEqual({ rpm: { Customers: 1, Customer: 40 } });
    // 8 detail calls at most, plus the list call that overlaps the first wave.
    expect(proxy.maxInFlight()).toBeLessThanOrEqual(9);
    expect(proxy.maxInFlight()).toBeGreaterThanOrEqual(8);
  });
});
