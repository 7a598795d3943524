import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";

const costOf = (r: GraphResult) => r.extensions?.cost?.vendorCalls;

const SOURCES = ["RPM", "WMS", "KOMET", "CONNECT"] as const;

/**
 * A page may start the next vendor's read early and not need it after all; such a read can still reach the
 * simulators just after the response went out. Waits until no call is in flight, so counts belong to one request.
 */
async function settled(t: TestGraph): Promise<void> {
  let before = -1;
  for (let total = t.calls("rpm") + t.calls("wms") + t.calls("komet") + t.calls("connect"); total !== before; ) {
    before = total;
    await new Promise((resolve) => setTimeout(resolve, 2));
    total = t.calls("rpm") + t.calls("wms") + t.calls("komet") + t.calls("connect");
  }
}

/** What a customer selection may ask for: list fields, detail fields, and nested connections. */
const customerField = fc.constantFrom(
  "name",
  "sourceId active updatedAt",
  "website",
  "customFields { name value }",
  "contacts(first: 2) { totalCount nodes { name } }",
  "locations(last: 1) { nodes { address { city } } }",
  "accounts(first: 1) { edges { cursor node { name } } }",
  "salesPerson { name }",
);
const customerSelection = fc.uniqueArray(customerField, { minLength: 1, maxLength: 4 }).map((f) => f.join(" "));

const filterArb = fc.record(
  {
    sources: fc.subarray([...SOURCES], { minLength: 1 }),
    search: fc.constantFrom("a", "inc", "zz-none"),
    active: fc.boolean(),
    updatedSince: fc.constantFrom("2020-01-01T00:00:00Z", "2025-06-01T00:00:00Z"),
    code: fc.constantFrom("ACME-CORP", "nothing"),
  },
  { requiredKeys: [] },
);

describe("the vendor-call estimate is an upper bound (fast-check, 1,000 operations over HTTP)", () => {
  let t: TestGraph;
  let ids: string[];
  let refs: Array<{ source: string; sourceId: string }>;
  let cursors: Array<{ sources: string[]; cursor: string }>;

  beforeAll(async () => {
    // Several pages of WMS (250 each) and several Connect calls (1,000 each), so paging plans are exercised.
    t = await startTestGraph({ sizes: { wms: 600, connect: 2_100, rpm: 60, komet: 80 } });
    const r = await t.query<{ customers: { edges: Array<{ cursor: string; node: { id: string; source: string; sourceId: string; contacts: { nodes: Array<{ id: string }> } } }> } }>(
      `{ customers(first: 40, filter: {sources: [RPM, KOMET]}) { edges { cursor node { id source sourceId contacts(first: 1) { nodes { id } } } } } }`,
    );
    const edges = r.data!.customers.edges;
    ids = edges.flatMap((e) => [e.node.id, ...e.node.contacts.nodes.map((c) => c.id)]);
    refs = edges.map((e) => ({ source: e.node.source, sourceId: e.node.sourceId }));
    cursors = [];
    for (const sources of [["WMS"], ["CONNECT"], ["RPM", "WMS"], ["WMS", "KOMET", "CONNECT"]]) {
      const page = await t.query<{ customers: { edges: Array<{ cursor: string }> } }>(
        `{ customers(first: 500, filter: {sources: [${sources.join(", ")}]}) { edges { cursor } } }`,
      );
      const all = page.data!.customers.edges;
      for (const at of [0, 1, 99, 249, 250, 251, all.length - 2, all.length - 1]) {
        if (all[at]) cursors.push({ sources, cursor: all[at]!.cursor });
      }
    }
  });
  afterAll(() => t.close());

  it("never sees more calls made than estimated, and reports exactly the calls the simulators counted", async () => {
    const connection = fc
      .record({
        direction: fc.constantFrom("first", "last"),
        size: fc.integer({ min: 0, max: 120 }),
        filter: fc.option(filterArb, { nil: undefined }),
        cursorAt: fc.option(fc.nat(), { nil: undefined }),
        selection: customerSelection,
        totalCount: fc.boolean(),
        viaEdges: fc.boolean(),
      })
      .map(({ direction, size, filter, cursorAt, selection, totalCount, viaEdges }) => {
        const args = [`${direction}: ${size}`];
        let sources = filter?.sources;
        if (cursorAt !== undefined && cursors.length > 0) {
          const picked = cursors[cursorAt % cursors.length]!;
          args.push(`${direction === "first" ? "after" : "before"}: "${picked.cursor}"`);
          sources = picked.sources as typeof sources; // the cursor's own connection, so it is accepted
        }
        const f = { ...filter, ...(sources ? { sources } : {}) };
        const parts = Object.entries(f).map(([k, v]) => (k === "sources" ? `sources: [${(v as string[]).join(", ")}]` : `${k}: ${JSON.stringify(v)}`));
        if (parts.length > 0) args.push(`filter: { ${parts.join(", ")} }`);
        const nodes = viaEdges ? `edges { cursor node { ${selection} } }` : `nodes { ${selection} }`;
        return `customers(${args.join(", ")}) { ${totalCount ? "totalCount " : ""}pageInfo { hasNextPage } ${nodes} }`;
      });
    const lookup = fc.oneof(
      fc.tuple(fc.nat(), customerSelection).map(([i, s]) => `customer(id: "${ids[i % ids.length]}") { ${s} }`),
      fc.tuple(fc.nat(), customerSelection).map(([i, s]) => {
        const ref = refs[i % refs.length]!;
        return `customerBySourceId(source: ${ref.source}, sourceId: "${ref.sourceId}") { ${s} }`;
      }),
      fc.tuple(fc.nat(), customerSelection).map(([i, s]) => `node(id: "${ids[i % ids.length]}") { id ... on Customer { ${s} } ... on Contact { name } }`),
      fc.tuple(fc.uniqueArray(fc.nat({ max: 200 }), { maxLength: 8 }), customerSelection).map(
        ([picks, s]) => `nodes(ids: [${picks.map((i) => `"${ids[i % ids.length]}"`).join(", ")}]) { id ... on Customer { ${s} } }`,
      ),
    );
    const operation = fc.array(fc.oneof({ weight: 3, arbitrary: connection }, { weight: 2, arbitrary: lookup }), { minLength: 1, maxLength: 3 });

    await fc.assert(
      fc.asyncProperty(operation, async (fields) => {
        const query = `{ ${fields.map((f, i) => `f${i}: ${f}`).join(" ")} }`;
        await settled(t);
        t.resetStats();
        const r = await t.query(query);
        await settled(t); // a read started before the answer went out may still be on its way to the vendor
        const cost = costOf(r);
        expect(cost, query).toBeDefined();
        expect(cost!.actual, `${query} ${JSON.stringify(t.stats())}`).toBe(t.calls("rpm") + t.calls("wms") + t.calls("komet") + t.calls("connect"));
        expect(cost!.actual, `${query}\n${JSON.stringify(r.errors?.slice(0, 2))}`).toBeLessThanOrEqual(cost!.estimated);
      }),
      { numRuns: 1_000 },
    );
  }, 240_000);
});
