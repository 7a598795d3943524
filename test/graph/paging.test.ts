import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_VENDORS, type SimVendor } from "../../src/simulators/vendor-simulator.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";
import { vendorListing } from "../support/vendor-listing.js";

const SOURCE: Record<SimVendor, string> = { rpm: "RPM", wms: "WMS", komet: "KOMET", connect: "CONNECT" };
const SIZES = { rpm: 23, wms: 31, komet: 19, connect: 27 };

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $filter: CustomerFilter) {
  customers(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { source sourceId name } }
  }
}`;

type Page = {
  customers: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: { source: string; sourceId: string; name: string } }>;
  };
};

describe("Relay paging through every source over HTTP", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: SIZES });
  });
  afterAll(() => t.close());

  async function walk(direction: "forward" | "backward", size: number, filter: Record<string, unknown>) {
    const keys: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 500; guard++) {
      const variables: Record<string, unknown> =
        direction === "forward" ? { first: size, after: cursor, filter } : { last: size, before: cursor, filter };
      const res = await t.query<Page>(PAGE, variables);
      expect(res.errors).toBeUndefined();
      const page = res.data!.customers;
      const got = page.edges.map((e) => `${e.node.source}:${e.node.sourceId}`);
      if (direction === "forward") keys.push(...got);
      else keys.unshift(...got);
      expect(direction === "forward" ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage).toBe(cursor !== null);
      const more = direction === "forward" ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
      if (!more) return keys;
      cursor = direction === "forward" ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    }
    throw new Error("paging did not end");
  }

  for (const vendor of SIM_VENDORS) {
    for (const direction of ["forward", "backward"] as const) {
      it(`pages ${direction} through ${SOURCE[vendor]} with small pages and matches the vendor's own listing`, async () => {
        const expected = (await vendorListing(t.sims, vendor)).map((id) => `${SOURCE[vendor]}:${id}`);
        expect(expected).toHaveLength(SIZES[vendor]);
        expect(await walk(direction, 4, { sources: [SOURCE[vendor]] })).toEqual(expected);
      });
    }
  }

  it("pages forward and backward through all sources as one list, every record exactly once", async () => {
    const expected: string[] = [];
    for (const vendor of SIM_VENDORS) expected.push(...(await vendorListing(t.sims, vendor)).map((id) => `${SOURCE[vendor]}:${id}`));
    expect(await walk("forward", 7, {})).toEqual(expected);
    expect(await walk("backward", 9, {})).toEqual(expected);
  });

  it("reports pageInfo and totalCount right at both ends", async () => {
    const total = Object.values(SIZES).reduce((a, b) => a + b, 0);
    const head = (await t.query<Page>(PAGE, { first: 3, filter: { sources: ["RPM", "WMS", "KOMET"] } })).data!.customers;
    expect(head.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(head.totalCount).toBe(SIZES.rpm + SIZES.wms + SIZES.komet);
    const tail = (await t.query<Page>(PAGE, { last: 3 })).data!.customers;
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(tail.totalCount).toBe(total);
    const beyond = (await t.query<Page>(PAGE, { first: 3, after: tail.pageInfo.endCursor })).data!.customers;
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it("gives null totalCount while the Connect list has not been read to its end", async () => {
    const page = (await t.query<Page>(PAGE, { first: 2, filter: { sources: ["CONNECT"] } })).data!.customers;
    expect(page.totalCount).toBeNull();
  });

  it("applies the same filter with the same result whether the vendor or the graph filters", async () => {
    const res = await t.query<Page>(PAGE, { first: 500, filter: { search: "a" } });
    const names = res.data!.customers.edges.map((e) => e.node.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.toLowerCase().includes("a"))).toBe(true);
    const all = await t.query<Page>(PAGE, { first: 500 });
    const expected = all.data!.customers.edges.filter((e) => e.node.name.toLowerCase().includes("a"));
    expect(res.data!.customers.edges.map((e) => e.node.sourceId)).toEqual(expected.map((e) => e.node.sourceId));
  });

  it.each([
    [{ first: 501 }, "first must be between 0 and 500, got 501"],
    [{ first: -1 }, "first must be between 0 and 500, got -1"],
    [{ first: 2, last: 2 }, "first and last cannot be used together"],
  ])("refuses %j with a clear BAD_USER_INPUT error and no vendor call", async (variables, message) => {
    t.resetStats();
    const res = await t.query(PAGE, variables);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(t.stats()).toEqual({});
  });

  it("refuses a tampered cursor and a cursor from another filter", async () => {
    const page = (await t.query<Page>(PAGE, { first: 2 })).data!.customers;
    const cursor = page.pageInfo.endCursor!;
    const tampered = cursor.slice(0, 5) + (cursor[5] === "A" ? "B" : "A") + cursor.slice(6);
    t.resetStats();
    for (const variables of [{ first: 2, after: tampered }, { first: 2, after: cursor, filter: { search: "x" } }]) {
      const res = await t.query(PAGE, variables);
      expect(res.errors?.[0]).toMatchObject({ message: "after is not a cursor issued for this connection", extensions: { code: "BAD_USER_INPUT" } });
    }
    expect(t.stats()).toEqual({});
  });
});
