import { describe, expect, it } from "vitest";
import { OPEN_CALLER } from "../../src/auth/caller.js";
import { RequestMeter } from "../../src/budget/request-meter.js";
import type { CustomerRecord, SourceName } from "../../src/model.js";
import { ResponseCache } from "../../src/sources/cache/response-cache.js";
import type { Source } from "../../src/sources/source.js";

/** A vendor whose every read waits for `open()` and is then charged to the meter it was made for. */
function gatedVendor() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reads: string[] = [];
  const record = (id: string) => ({ sourceId: id, name: `Customer ${id}` }) as unknown as CustomerRecord;
  const charged = async (what: string, meter: RequestMeter | undefined) => {
    await gate;
    meter?.take("KOMET", what);
    reads.push(what);
  };
  const source: Source = {
    name: "KOMET",
    exactFilters: new Set(),
    acceptsKey: () => true,
    paging: {
      model: "FULL_LIST",
      listAll: async (_filter, meter) => {
        await charged("list", meter);
        return [record("1"), record("2")];
      },
    },
    // Per customer, errors in place, as the real sources answer (mapBounded).
    getCustomers: (ids, shared) => Promise.all(ids.map((id) => charged(`customer ${id}`, shared?.meter).then(() => record(id), (err: Error) => err))),
    healthy: () => true,
  };
  return { source, reads, open: () => open() };
}

function cachedOver(source: Source): Source {
  const cache = new ResponseCache(new Map<SourceName, Source>([["KOMET", source]]), { ttlMs: 60_000, maxRecords: 1_000 });
  return cache.sourcesFor(OPEN_CALLER, new Map([["KOMET", source]])).get("KOMET")!;
}

/**
 * A request that misses what another request is reading joins that read. When the other request's own limit
 * refuses it (its MAX_VENDOR_CALLS, or its answer already sent: a page's early read it did not need), that is no
 * answer of the vendor's: the joiner reads for itself instead of failing with the other request's error.
 */
describe("response cache: a read joined from another request", () => {
  it("a list read refused by its own request's limit is made again for the request that joined it", async () => {
    const vendor = gatedVendor();
    const cached = cachedOver(vendor.source);
    if (cached.paging.model !== "FULL_LIST") throw new Error("FULL_LIST expected");
    const first = new RequestMeter(10);
    const joiner = new RequestMeter(10);
    const firstRead = cached.paging.listAll({}, first);
    const joinedRead = cached.paging.listAll({}, joiner);
    first.finish();
    vendor.open();
    await expect(firstRead).rejects.toMatchObject({ code: "TOO_MANY_VENDOR_CALLS" });
    expect((await joinedRead).map((r) => r.sourceId)).toEqual(["1", "2"]);
    expect(vendor.reads).toEqual(["list"]);
    expect(joiner.actual).toBe(1);
  });

  it("a customer read refused by its own request's limit is made again for the request that joined it", async () => {
    const vendor = gatedVendor();
    const cached = cachedOver(vendor.source);
    const first = new RequestMeter(10);
    const joiner = new RequestMeter(10);
    const firstRead = cached.getCustomers(["7"], { meter: first });
    const joinedRead = cached.getCustomers(["7", "8"], { meter: joiner });
    first.finish();
    vendor.open();
    const [refused] = await firstRead;
    expect(refused).toMatchObject({ code: "TOO_MANY_VENDOR_CALLS" });
    expect((await joinedRead).map((r) => (r as CustomerRecord).sourceId)).toEqual(["7", "8"]);
    // The joiner's own miss (8) and, once the joined read was refused, 7 again: both charged to the joiner.
    expect(vendor.reads).toEqual(["customer 8", "customer 7"]);
    expect(joiner.actual).toBe(2);
  });
});
