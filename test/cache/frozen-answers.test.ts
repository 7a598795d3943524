import { describe, expect, it } from "vitest";
import { OPEN_CALLER } from "../../src/auth/caller.js";
import type { CustomerRecord, SourceName } from "../../src/model.js";
import { ResponseCache } from "../../src/sources/cache/response-cache.js";
import type { Source } from "../../src/sources/source.js";

const record = (id: string): CustomerRecord => ({
  source: "KOMET", sourceId: id, code: null, name: `Customer ${id}`, active: true, customerType: null, email: null,
  phone: null, fax: null, accountingCode: null, salesPerson: { id: "7", name: "Ann" }, referenceId: null,
  preferredLocale: null, createdAt: null, updatedAt: null,
});

/** An in-memory FULL_LIST source that counts its reads: what the cache is given to wrap. */
function countingSource() {
  const reads = { list: 0, records: 0 };
  const source: Source = {
    name: "KOMET",
    exactFilters: new Set(),
    paging: { model: "FULL_LIST", listAll: async () => (reads.list++, [record("1"), record("2")]) },
    acceptsKey: () => true,
    getCustomers: async (ids) => ids.map((id) => (reads.records++, record(id))),
    healthy: () => true,
  };
  return { source, reads };
}

describe("response cache: answers are frozen", () => {
  it("hands out answers no request can change, and the next request gets them as they were", async () => {
    const { source, reads } = countingSource();
    const cache = new ResponseCache(new Map<SourceName, Source>([["KOMET", source]]), { ttlMs: 60_000, maxRecords: 100 });
    const cached = cache.sourcesFor(OPEN_CALLER, new Map([["KOMET", source]])).get("KOMET")!;
    if (cached.paging.model !== "FULL_LIST") throw new Error("expected FULL_LIST");
    const first = await cached.paging.listAll({});
    expect(() => {
      (first[0] as { name: string }).name = "changed";
    }).toThrow(TypeError);
    expect(() => (first as CustomerRecord[]).push(record("3"))).toThrow(TypeError);
    expect(() => {
      (first[0]!.salesPerson as { name: string }).name = "changed";
    }).toThrow(TypeError);
    const [one] = await cached.getCustomers(["1"]);
    expect(Object.isFrozen(one)).toBe(true);
    expect(await cached.paging.listAll({})).toEqual([record("1"), record("2")]);
    expect(reads).toEqual({ list: 1, records: 1 });
  });
});
