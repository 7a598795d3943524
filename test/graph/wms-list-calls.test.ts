import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

type Page = { customers: { totalCount?: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean }; nodes: Array<{ name: string }> } };

// The simulators' default WMS holds 48 customers, and a WMS page holds up to 250: any window of this list is one call.
describe.each([48, 250])("one GET /Customer/All for any window of a %i-customer WMS list (over HTTP)", (size) => {
  let t: TestGraph;
  let all: string[];
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 1, wms: size, komet: 1, connect: 1 } });
    const res = await t.query<Page>(`{ customers(first: 500, filter: { sources: [WMS] }) { pageInfo { hasNextPage hasPreviousPage } nodes { name } } }`);
    all = res.data!.customers.nodes.map((n) => n.name);
    expect(all).toHaveLength(size);
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  const ask = async (args: string, extra = "") => {
    const res = await t.query<Page>(`{ customers(${args}, filter: { sources: [WMS] }) { ${extra} pageInfo { hasNextPage hasPreviousPage } nodes { name } } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.customers;
  };

  it.each([1, 10, 47, 48, 49, 100, 250])("first: %i", async (first) => {
    const page = await ask(`first: ${first}`);
    expect(page.nodes.map((n) => n.name)).toEqual(all.slice(0, first));
    expect(page.pageInfo.hasNextPage).toBe(first < size);
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
  });

  it.each([1, 10, 47, 48, 100, 250])("last: %i", async (last) => {
    const page = await ask(`last: ${last}`);
    expect(page.nodes.map((n) => n.name)).toEqual(all.slice(-last));
    expect(page.pageInfo.hasPreviousPage).toBe(last < size);
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
  });

  it.each([10, 47, 48])("first: %i with totalCount", async (first) => {
    const page = await ask(`first: ${first}`, "totalCount");
    expect(page.totalCount).toBe(size);
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
  });
});
