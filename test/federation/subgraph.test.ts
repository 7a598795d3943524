import { readFileSync } from "node:fs";
import { graphql } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { emittedSubgraphSdl, SUBGRAPH_FILE } from "../../resolvers/emit-schema.js";
import { MAX_NODE_IDS } from "../../resolvers/node.resolver.js";
import { IdCodec } from "../../src/ids.js";
import { startTestGraph, TEST_ID_SECRET, type TestGraph } from "../support/graph.js";

type Listed = { customers: { nodes: Array<{ id: string; source: string; sourceId: string; contacts: { nodes: Array<{ id: string }> } }> } };
type Entity = { __typename: string; id: string; name: string; source?: string; sourceId?: string } | null;
type Entities = { _entities: Entity[] };

const ENTITIES = (selection: string) =>
  `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Customer { ${selection} } ... on Contact { id name } } }`;
const NODES = (selection: string) => `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Customer { ${selection} } ... on Contact { id name } } }`;

const READER = "federation-reader-0123";
const WRITER = "federation-writer-0123";
const WMS_READER = "federation-wms-reader-0123";
const CALLER_KEYS = `${READER}=customers:read;${WRITER}=customers:write;${WMS_READER}=customers:read,source:WMS`;

describe("the service as an Apollo Federation 2 subgraph", () => {
  let t: TestGraph;
  let customers: Listed["customers"]["nodes"];

  beforeAll(async () => {
    t = await startTestGraph({ callerKeys: CALLER_KEYS, sizes: { rpm: 12, wms: 12, komet: 12, connect: 12 } });
    const page = await t.query<Listed>(
      `{ customers(first: 48) { nodes { id source sourceId contacts { nodes { id } } } } }`,
      undefined,
      { key: READER },
    );
    customers = page.data!.customers.nodes;
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  /** Three customers of each vendor, half named by global id and half by `source sourceId`. */
  const mixed = () =>
    ["RPM", "WMS", "KOMET", "CONNECT"].flatMap((source) =>
      customers
        .filter((c) => c.source === source)
        .slice(0, 3)
        .map((c, i) => (i % 2 === 0 ? { __typename: "Customer", id: c.id } : { __typename: "Customer", source: c.source, sourceId: c.sourceId })),
    );

  it("checks in its _service SDL as emitted (run `npm run schema` after changing a type)", async () => {
    expect(readFileSync(SUBGRAPH_FILE, "utf8")).toBe(await emittedSubgraphSdl());
    const sdl = readFileSync(SUBGRAPH_FILE, "utf8");
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(sdl).toMatch(/type Customer implements Node @key\(fields: "id"\) @key\(fields: "source sourceId"\)/);
    for (const type of ["Contact", "Location", "Account"]) expect(sdl).toMatch(new RegExp(`type ${type} implements Node @key\\(fields: "id"\\)`));
    expect(sdl).toMatch(/type PageInfo @shareable/);
  });

  it("resolves customers of all four vendors by either key, with the vendor calls of the same nodes(ids) query", async () => {
    const representations = mixed();
    for (const selection of ["id source sourceId name", "id name email contacts { nodes { name } }"]) {
      t.resetStats();
      const entities = await t.query<Entities>(ENTITIES(selection), { representations }, { key: READER });
      const viaEntities = t.stats();
      t.resetStats();
      const ids = representations.map((r) => ("id" in r ? r.id : customers.find((c) => c.source === r.source && c.sourceId === r.sourceId)!.id));
      const nodes = await t.query<{ nodes: Entity[] }>(NODES(selection), { ids }, { key: READER });
      expect(entities.errors).toBeUndefined();
      expect(entities.data!._entities).toEqual(nodes.data!.nodes);
      expect(entities.data!._entities.map((e) => e?.id)).toEqual(ids);
      expect(Object.keys(viaEntities).sort()).toEqual(["komet", "connect", "rpm", "wms"].sort());
      expect(viaEntities).toEqual(t.stats());
    }
  });

  it("resolves a Contact by its id, and is null for an id of another type or one that names nothing", async () => {
    const owner = customers.find((c) => c.contacts.nodes.length > 0)!;
    const ids = new IdCodec(TEST_ID_SECRET);
    const nothing = ids.encode({ type: "Customer", source: "WMS", customerId: "NO-SUCH-CUSTOMER" });
    const res = await t.query<Entities>(
      ENTITIES("id name"),
      {
        representations: [
          { __typename: "Contact", id: owner.contacts.nodes[0]!.id },
          { __typename: "Contact", id: owner.id },
          { __typename: "Customer", id: nothing },
          { __typename: "Customer", id: "not-an-id-of-this-graph" },
        ],
      },
      { key: READER },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]).toMatchObject({ __typename: "Contact", id: owner.contacts.nodes[0]!.id });
    expect(res.data!._entities.slice(1)).toEqual([null, null, null]);
  });

  it("needs customers:read: FORBIDDEN once, and no vendor call", async () => {
    const res = await t.query<Entities>(ENTITIES("name"), { representations: mixed() }, { key: WRITER });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(t.stats()).toEqual({});
  });

  it("keeps a source-limited caller to its sources: another source's representation is null", async () => {
    const representations = mixed();
    const res = await t.query<Entities>(ENTITIES("source sourceId"), { representations }, { key: WMS_READER });
    expect(res.errors).toBeUndefined();
    const expected = representations.map((r) => ("source" in r ? r.source : customers.find((c) => c.id === r.id)!.source) === "WMS");
    expect(res.data!._entities.map((e) => e !== null)).toEqual(expected);
    expect(Object.keys(t.stats())).toEqual(["wms"]);
  });

  it("refuses a malformed representation on its own (BAD_USER_INPUT naming the field and rule), with no vendor call for it", async () => {
    const wms = customers.find((c) => c.source === "WMS")!;
    const representations: unknown[] = [
      { __typename: "Customer", source: "wms", sourceId: wms.sourceId },
      { __typename: "Customer", source: "WMS", sourceId: "" },
      { __typename: "Customer", source: "WMS", sourceId: { $gt: "" } },
      { __typename: "Customer" },
      { __typename: "Contact", id: 42 },
      { __typename: "PageInfo", hasNextPage: true },
      "Customer",
      { __typename: "Customer", source: "WMS", sourceId: wms.sourceId },
    ];
    const res = await t.query<Entities>(ENTITIES("sourceId"), { representations }, { key: READER });
    expect(res.data!._entities.map((e) => e?.sourceId ?? null)).toEqual([null, null, null, null, null, null, null, wms.sourceId]);
    const errors = [...(res.errors ?? [])].sort((a, b) => Number(a.path![1]) - Number(b.path![1]));
    expect(errors.map((e) => e.path)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => ["_entities", i]));
    expect(errors.every((e) => e.extensions?.code === "BAD_USER_INPUT")).toBe(true);
    expect(errors[0]!.message).toBe('representations: Customer.source must be one of RPM, WMS, KOMET, CONNECT, got "wms"');
    expect(errors[1]!.message).toMatch(/Customer\.sourceId must be a string of 1 to 200 characters, got ""/);
    expect(errors[2]!.message).toMatch(/Customer\.sourceId must be a string .* got an object/);
    expect(errors[3]!.message).toMatch(/Customer\.id needs one of its keys/);
    expect(errors[4]!.message).toMatch(/Contact\.id must be a string/);
    expect(errors[5]!.message).toMatch(/__typename is one of Account, Contact, Customer, Location/);
    expect(JSON.stringify(errors)).not.toMatch(/stack|at .*\.ts/);
    // Only the one valid representation reached the vendor.
    expect(t.calls("wms")).toBe(1);
  });

  it(`accepts at most ${MAX_NODE_IDS} representations per request, however many _entities fields ask`, async () => {
    const one = { __typename: "Customer", source: "WMS", sourceId: customers.find((c) => c.source === "WMS")!.sourceId };
    const over = await t.query(ENTITIES("name"), { representations: Array(MAX_NODE_IDS + 1).fill(one) }, { key: READER });
    expect(over.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      [`representations must have at most ${MAX_NODE_IDS} entries per request, got ${MAX_NODE_IDS + 1}`, "BAD_USER_INPUT"],
    ]);
    expect(t.stats()).toEqual({});

    const split = await t.query<{ a: Entity[] | null; b: Entity[] | null }>(
      `query($a: [_Any!]!, $b: [_Any!]!) { a: _entities(representations: $a) { __typename } b: _entities(representations: $b) { __typename } }`,
      { a: Array(60).fill(one), b: Array(60).fill(one) },
      { key: READER },
    );
    expect(split.errors?.map((e) => e.message)).toEqual([`representations must have at most ${MAX_NODE_IDS} entries per request, got 120`]);
    // The first 60 (one customer, asked 60 times) cost one call; the refused 60 none.
    expect(t.calls("wms")).toBe(1);
  });

  it("answers no inline trace (ftv1) even when asked for one", async () => {
    const res = await fetch(`${t.graph.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${READER}`, "apollo-federation-include-trace": "ftv1" },
      body: JSON.stringify({ query: "{ sources { source } }" }),
    });
    const body = (await res.json()) as { extensions?: Record<string, unknown> };
    expect(body.extensions?.ftv1).toBeUndefined();
  });
});

describe("the subgraph without node and nodes", () => {
  it("leaves both out and still resolves entities", async () => {
    const schema = await buildGraphSchema({ nodeFields: false });
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields).not.toContain("node");
    expect(fields).not.toContain("nodes");
    expect(fields).toEqual(expect.arrayContaining(["customer", "customers", "_entities", "_service"]));
    const sdl = await graphql({ schema, source: "{ _service { sdl } }" });
    expect((sdl.data?._service as { sdl: string }).sdl).not.toMatch(/^\s*nodes?\(/m);
  });
});
