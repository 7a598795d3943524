import { filterKey } from "../src/customer-filter.js";
import { CursorCodec } from "../src/pagination/cursor-codec.js";
import { positionCodec } from "../src/pagination/position-codec.js";
import type { SimVendor } from "../src/simulators/vendor-simulator.js";
import { minimumFor, type Minimum, type Need } from "./minimum.js";
import type { Variant } from "./variants.js";

/** The simulated vendors' sizes for every scenario: WMS is the 100,000-customer list of the deep-page scenario. */
export const BENCH_SIZES: Record<SimVendor, number> = { rpm: 120, wms: 100_000, komet: 200, connect: 150 };
export const BENCH_ID_SECRET = "bench-id-secret-0123456789abcdefghijklmnop";

/** Offset of the deep WMS page: the window starts at the 90,001st customer. */
export const DEEP_OFFSET = 90_000;

export interface ScenarioInputs {
  /** Global ids of the first customers of each vendor, from the graph itself. */
  idsByVendor: Record<SimVendor, string[]>;
  /** The endCursor of the cross-vendor first page, from the graph itself. */
  nextPageCursor: string;
  /** A cursor for offset 89,999 of the WMS list, minted with the server's id secret (paging there would take 900 calls). */
  deepCursor: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** The request bodies the load generator cycles through; `salt` makes texts differ between runs where asked. */
  bodies(inputs: ScenarioInputs, salt: string): string[];
  /**
   * The nearest the Mesh gateway's vendor-shaped schema comes to the same question, where it has one (it has no
   * unified customers, so no cross-vendor page and no global ids). Its answers differ in shape, so they are not
   * compared; its vendor calls are.
   */
  meshBodies?(salt: string): string[];
  needs: Need[];
  minimum: Minimum;
  /** Connections per vendor latency; a scenario's own number (e.g. 50 clients) wins over the run's default. */
  connections?: number;
  /** A fixed number of requests (over all rounds) instead of a fixed duration: every request then completes. */
  amount?: number;
  /** With `amount`: the most seconds one round may take (default: twice the round duration). */
  maxRoundSec?: number;
  /** Measured last, on servers started afresh, so that its peak memory is its own and its backlog harms no other. */
  isolated?: boolean;
  /** Rounds per variant, where the run's number would take too long. */
  rounds?: number;
  /** The vendor latencies this scenario runs at, where not all of the run's. */
  latencies?: number[];
  /**
   * Our answer has a deeper shape than the Mesh gateway's nearest question (a connection per customer against
   * its flat field): its target against the gateway is 1.0x instead of 2x (issue 14).
   */
  deeperThanMesh?: boolean;
}

const VENDORS: SimVendor[] = ["rpm", "wms", "komet", "connect"];
const ENUM: Record<SimVendor, string> = { rpm: "RPM", wms: "WMS", komet: "KOMET", connect: "CONNECT" };
const ALL_PARTS = VENDORS.map((vendor) => ({ vendor, size: BENCH_SIZES[vendor] }));
/** Distinct ids per vendor in the nodes scenario; each is asked two or three times. */
const NODE_IDS_PER_VENDOR = 6;
const NODE_IDS = 50;

/** The Mesh gateway's closest questions (bench/mesh/*.openapi.yaml); RPM and Komet lists come whole. */
const MESH_NAMES: Record<SimVendor, string> = {
  rpm: "{ Customers(input: {}) { Result { Customers { Customer } } } }",
  wms: "{ CustomerAll(page: 1, pageSize: 100) { value { name } } }",
  komet: '{ customerList(authenticationToken: "sim-komet-token", includeInactive: true) { customers { name } } }',
  connect: "{ customers(limit: 100) { items { name } } }",
};
const MESH_RPM_CONTACTS = (locations: boolean) =>
  `{ Customers(input: {}) { Result { Customers { Customer detail { Contacts { Contact { FirstName LastName Email } }${
    locations ? " Locations { City Country }" : ""
  } } } } } }`;
const MESH_WMS_PAGE = (page: number) => `{ CustomerAll(page: ${page}, pageSize: 100) { value { shortID name } } }`;
const MESH_CONNECT = (limit: number, name = "") => `query ${name} { customers(limit: ${limit}) { items { customerId name contact { email } } } }`;

const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify(variables ? { query, variables } : { query });

/** A cursor for `offset` in the WMS-only customers connection, minted with the bench's id secret. */
export function wmsCursorAt(offset: number, secret: string): string {
  return positionCodec(new CursorCodec(secret), `customers|WMS|${filterKey({})}`).encode({ part: "WMS", offset });
}

/** 50 ids cycling through 6 customers of each vendor, so vendors interleave and every id repeats. */
export function mixedNodeIds(inputs: ScenarioInputs): string[] {
  const distinct = VENDORS.flatMap((v) => inputs.idsByVendor[v].slice(0, NODE_IDS_PER_VENDOR));
  return Array.from({ length: NODE_IDS }, (_, i) => distinct[(i * 7) % distinct.length]!);
}

function scenario(s: Omit<Scenario, "minimum">): Scenario {
  return { ...s, minimum: minimumFor(s.needs) };
}

const WMS_PAGE = "query WmsPage($after: String) { customers(first: 100, after: $after, filter: { sources: [WMS] }) { nodes { code name } } }";
const CONNECT_FIELDS = "nodes { id name email }";
const WITH_CONTACTS = "contacts { nodes { name email } }";

/** The nested-connection pairs of issue 14, with the Mesh gateway's nearest question (a flat city, no connection). */
const NESTED: Array<{ vendor: SimVendor; nested: string; related: "contacts" | "locations"; mesh?: string }> = [
  {
    vendor: "wms",
    nested: "locations(first: 1) { nodes { address { city } } }",
    related: "locations",
    mesh: "{ CustomerAll(page: 1, pageSize: 100) { totalCount value { shortID name active city } } }",
  },
  {
    vendor: "connect",
    nested: "locations(first: 1) { nodes { address { city } } }",
    related: "locations",
    mesh: "{ customers(limit: 100) { items { customerId name billing { address { city } } } } }",
  },
  { vendor: "komet", nested: "contacts(first: 1) { nodes { name } }", related: "contacts" },
];

export const SCENARIOS: Scenario[] = [
  ...VENDORS.map((vendor) =>
    scenario({
      id: `names-${vendor}`,
      title: `names of 100 ${ENUM[vendor]} customers`,
      bodies: () => [body(`{ customers(first: 100, filter: { sources: [${ENUM[vendor]}] }) { nodes { name } } }`)],
      meshBodies: () => [body(MESH_NAMES[vendor])],
      needs: [{ kind: "window", parts: [{ vendor, size: BENCH_SIZES[vendor] }], offset: 0, count: 100 }],
    }),
  ),
  // A page of 100 with one nested connection per customer (issue 14), each beside the same page without it: the
  // nested one over records already loaded (WMS and Connect carry addresses in the list record), or over its own
  // per-customer call (Komet's contacts). The targets compare each pair's req/s.
  ...NESTED.flatMap(({ vendor, nested, related, mesh }) =>
    [false, true].map((withNested) =>
      scenario({
        id: `${withNested ? "nested" : "flat"}-${vendor}`,
        title: `page of 100 ${ENUM[vendor]} customers${withNested ? ` with ${nested.split(" {")[0]}` : ", no nested connection"}`,
        bodies: () => [
          body(`{ customers(first: 100, filter: { sources: [${ENUM[vendor]}] }) { ${vendor === "wms" ? "totalCount " : ""}nodes { sourceId name active${withNested ? ` ${nested}` : ""} } } }`),
        ],
        ...(mesh ? { meshBodies: () => [body(mesh)], deeperThanMesh: withNested } : {}),
        needs: [
          { kind: "window", parts: [{ vendor, size: BENCH_SIZES[vendor] }], offset: 0, count: 100 },
          ...(withNested ? [{ kind: "listed customers" as const, vendor, customers: 100, fields: ["sourceId", "name", "active"], related: [related] }] : []),
        ],
        // Komet's contacts are a call per customer: a fixed count of requests, as for RPM's contacts.
        ...(withNested && related === "contacts" ? { amount: 40, maxRoundSec: 8 } : {}),
      }),
    ),
  ),
  scenario({
    id: "rpm-contacts-locations",
    title: "100 RPM customers with contacts and locations",
    bodies: () => [
      body(`{ customers(first: 100, filter: { sources: [RPM] }) { nodes { name ${WITH_CONTACTS}
        locations { nodes { kind address { city country } } } } } }`),
    ],
    meshBodies: () => [body(MESH_RPM_CONTACTS(true))],
    needs: [
      { kind: "window", parts: [{ vendor: "rpm", size: BENCH_SIZES.rpm }], offset: 0, count: 100 },
      { kind: "listed customers", vendor: "rpm", customers: 100, fields: ["name"], related: ["contacts", "locations"] },
    ],
    // 101 vendor calls a request: a fixed count, so that no request is cut off mid-way and every one is counted.
    amount: 16,
    maxRoundSec: 8,
  }),
  scenario({
    id: "nodes-mixed",
    title: `nodes over ${NODE_IDS} ids, 4 vendors, repeats`,
    bodies: (inputs) => [
      body("query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { name source } } }", { ids: mixedNodeIds(inputs) }),
    ],
    needs: VENDORS.map((vendor) => ({ kind: "ids", vendor, distinct: NODE_IDS_PER_VENDOR, fields: ["id", "name", "source"] })),
  }),
  scenario({
    id: "page-1",
    title: "customers(first: 100), all vendors",
    bodies: () => [body("{ customers(first: 100) { pageInfo { hasNextPage endCursor } nodes { id name source } } }")],
    needs: [{ kind: "window", parts: ALL_PARTS, offset: 0, count: 100 }],
  }),
  scenario({
    id: "page-2",
    title: "the next page (RPM's last 20, WMS's first 80)",
    bodies: (inputs) => [
      body("query Next($after: String) { customers(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name source } } }", {
        after: inputs.nextPageCursor,
      }),
    ],
    needs: [{ kind: "window", parts: ALL_PARTS, offset: 100, count: 100 }],
  }),
  scenario({
    id: "wms-page-1",
    title: "WMS page 1 of 100,000",
    bodies: () => [body(WMS_PAGE, { after: null })],
    meshBodies: () => [body(MESH_WMS_PAGE(1))],
    needs: [{ kind: "window", parts: [{ vendor: "wms", size: BENCH_SIZES.wms }], offset: 0, count: 100 }],
  }),
  scenario({
    id: "wms-page-deep",
    title: `WMS page at offset ${DEEP_OFFSET.toLocaleString("en")}`,
    bodies: (inputs) => [body(WMS_PAGE, { after: inputs.deepCursor })],
    meshBodies: () => [body(MESH_WMS_PAGE(DEEP_OFFSET / 100 + 1))],
    needs: [{ kind: "window", parts: [{ vendor: "wms", size: BENCH_SIZES.wms }], offset: DEEP_OFFSET, count: 100 }],
  }),
  scenario({
    id: "same-1000",
    title: "the same query 1,000 times",
    bodies: () => [body(`{ customers(first: 20, filter: { sources: [CONNECT] }) { ${CONNECT_FIELDS} } }`)],
    meshBodies: () => [body(MESH_CONNECT(20))],
    needs: [{ kind: "window", parts: [{ vendor: "connect", size: BENCH_SIZES.connect }], offset: 0, count: 20 }],
    amount: 1000,
    connections: 10,
  }),
  scenario({
    id: "distinct-1000",
    title: "1,000 distinct queries",
    // A fresh salt per run keeps every text new to any document or query cache, so this stays cache-hostile.
    bodies: (_inputs, salt) =>
      Array.from({ length: 1000 }, (_, i) =>
        body(`query Q_${salt}_${i} { customers(first: ${1 + (i % 100)}, filter: { sources: [CONNECT] }) { ${CONNECT_FIELDS} } }`),
      ),
    meshBodies: (salt) => Array.from({ length: 1000 }, (_, i) => body(MESH_CONNECT(1 + (i % 100), `Q_${salt}_${i}`))),
    needs: [{ kind: "window", parts: [{ vendor: "connect", size: BENCH_SIZES.connect }], offset: 0, count: 100 }],
    amount: 1000,
    connections: 10,
  }),
  scenario({
    id: "memory-50",
    title: "50 clients, 100 RPM customers with contacts each",
    bodies: () => [body(`{ customers(first: 100, filter: { sources: [RPM] }) { nodes { name ${WITH_CONTACTS} } } }`)],
    meshBodies: () => [body(MESH_RPM_CONTACTS(false))],
    needs: [
      { kind: "window", parts: [{ vendor: "rpm", size: BENCH_SIZES.rpm }], offset: 0, count: 100 },
      { kind: "listed customers", vendor: "rpm", customers: 100, fields: ["name"], related: ["contacts"] },
    ],
    connections: 50,
    // One request per client, all at once; at 20 ms vendors only, where both of its targets are set.
    amount: 50,
    rounds: 1,
    maxRoundSec: 30,
    latencies: [20],
    isolated: true,
  }),
];

/** What a variant is asked in a scenario; undefined where it has no equivalent question (Mesh: no unified list). */
export function bodiesFor(variant: Variant, scenario: Scenario, inputs: ScenarioInputs, salt: string): string[] | undefined {
  return variant === "mesh" ? scenario.meshBodies?.(salt) : scenario.bodies(inputs, salt);
}

/**
 * A source of a scenario's bodies salted anew on every call: `copies` copies, each with a salt not used before, so
 * a cache-hostile scenario (distinct-1000) stays new to every document cache however long it is sent.
 */
export function freshBodies(scenario: Scenario, inputs: ScenarioInputs, prefix: string, variant: Variant = "graph"): (copies: number) => string[] {
  let salt = 0;
  return (copies) => Array.from({ length: copies }, () => bodiesFor(variant, scenario, inputs, `${prefix}${salt++}`) ?? []).flat();
}

/** Reads the scenario inputs (ids, the next-page cursor) from a running graph at `url`. */
export async function gatherInputs(url: string, idSecret = BENCH_ID_SECRET): Promise<ScenarioInputs> {
  const ask = async <T>(query: string): Promise<T> => {
    const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: body(query) });
    const answer = (await res.json()) as { data?: T; errors?: unknown };
    if (!answer.data || answer.errors) throw new Error(`setup query failed: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  };
  const idsByVendor = {} as Record<SimVendor, string[]>;
  for (const vendor of VENDORS) {
    const data = await ask<{ customers: { nodes: Array<{ id: string }> } }>(
      `{ customers(first: ${NODE_IDS_PER_VENDOR}, filter: { sources: [${ENUM[vendor]}] }) { nodes { id } } }`,
    );
    idsByVendor[vendor] = data.customers.nodes.map((n) => n.id);
  }
  const first = await ask<{ customers: { pageInfo: { endCursor: string } } }>("{ customers(first: 100) { pageInfo { endCursor } } }");
  return { idsByVendor, nextPageCursor: first.customers.pageInfo.endCursor, deepCursor: wmsCursorAt(DEEP_OFFSET - 1, idSecret) };
}

/** The simulators' default sizes (WMS 48): lists shorter than one vendor page, which the 100,000-customer WMS hides. */
export const SMALL_LIST_SIZES: Record<SimVendor, number> = { rpm: 120, wms: 48, komet: 200, connect: 150 };

/**
 * Windows of a WMS list shorter than one page (250): each is one GET /Customer/All, whether it ends before the
 * list's end, at it, or past it, read forward or backward. Run by the quick bench (test/bench-quick.test.ts)
 * against simulators of SMALL_LIST_SIZES; counts only, so the timed bench does not run them.
 */
export const SMALL_LIST_SCENARIOS: Scenario[] = [
  ...[10, 47, 48, 100].map((first) =>
    scenario({
      id: `wms-small-first-${first}`,
      title: `first ${first} of a 48-customer WMS`,
      bodies: () => [body(`{ customers(first: ${first}, filter: { sources: [WMS] }) { nodes { name } } }`)],
      needs: [{ kind: "window", parts: [{ vendor: "wms", size: SMALL_LIST_SIZES.wms }], offset: 0, count: Math.min(first, SMALL_LIST_SIZES.wms) }],
    }),
  ),
  scenario({
    id: "wms-small-last-47",
    title: "last 47 of a 48-customer WMS",
    bodies: () => [body("{ customers(last: 47, filter: { sources: [WMS] }) { nodes { name } } }")],
    needs: [{ kind: "window", parts: [{ vendor: "wms", size: SMALL_LIST_SIZES.wms }], offset: 1, count: 47 }],
  }),
];
