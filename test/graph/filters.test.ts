import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

type Row = { source: string; sourceId: string; name: string; code: string | null; active: boolean; updatedAt: string | null; salesPerson: { id: string } | null };
const FIELDS = "source sourceId name code active updatedAt salesPerson { id }";

/**
 * Every filter must mean the same for every vendor, whether the vendor applies it (Komet's name/code/
 * salesPersonId, WMS's modifiedSince, Connect's search) or the graph does: the filtered list must equal the
 * unfiltered list filtered here by the contract's definition.
 */
describe("filters give the same results whether the vendor or the graph applies them", () => {
  let t: TestGraph;
  let all: Row[];
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 40, wms: 60, komet: 80, connect: 50 } });
    const res = await t.query<{ customers: { nodes: Row[] } }>(`{ customers(first: 500) { nodes { ${FIELDS} } } }`);
    all = res.data!.customers.nodes;
    expect(all).toHaveLength(230);
  });
  afterAll(() => t.close());

  async function filtered(filter: Record<string, unknown>) {
    const res = await t.query<{ customers: { nodes: Row[]; totalCount: number | null } }>(
      `query($filter: CustomerFilter) { customers(first: 500, filter: $filter) { totalCount nodes { ${FIELDS} } } }`,
      { filter },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.customers.nodes.map((r) => `${r.source}:${r.sourceId}`);
  }
  const keys = (rows: Row[]) => rows.map((r) => `${r.source}:${r.sourceId}`);

  it("search: a case-insensitive substring of the name", async () => {
    for (const search of ["AN", "co", "flor", "zzzz"]) {
      expect(await filtered({ search })).toEqual(keys(all.filter((r) => r.name.toLowerCase().includes(search.toLowerCase()))));
    }
  });

  it("code: exact, case-insensitive", async () => {
    const codes = ["ACME-CORP", "t3526", all.find((r) => r.source === "CONNECT")!.code!];
    for (const code of codes) {
      expect(await filtered({ code })).toEqual(keys(all.filter((r) => r.code?.toLowerCase() === code.toLowerCase())));
    }
  });

  it("active: true and false", async () => {
    const inactive = all.filter((r) => !r.active);
    expect(inactive.length).toBeGreaterThan(0);
    expect(await filtered({ active: false })).toEqual(keys(inactive));
    expect(await filtered({ active: true })).toEqual(keys(all.filter((r) => r.active)));
  });

  it("updatedSince: changed at or after the instant", async () => {
    const since = "2024-06-01T12:30:00.000Z";
    const expected = keys(all.filter((r) => r.updatedAt !== null && r.updatedAt >= since));
    expect(expected.length).toBeGreaterThan(0);
    expect(await filtered({ updatedSince: since })).toEqual(expected);
  });

  it("salesPersonId: the customers of one salesperson", async () => {
    const id = all.find((r) => r.salesPerson)!.salesPerson!.id;
    expect(await filtered({ salesPersonId: id })).toEqual(keys(all.filter((r) => r.salesPerson?.id === id)));
  });

  it("combines filters and sources", async () => {
    const expected = all.filter((r) => ["WMS", "KOMET"].includes(r.source) && r.active && r.name.toLowerCase().includes("e"));
    expect(await filtered({ sources: ["WMS", "KOMET"], active: true, search: "e" })).toEqual(keys(expected));
  });
});
