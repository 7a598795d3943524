import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, UserInputError, VendorError } from "../../src/errors.js";
import type { CustomerRecord } from "../../src/model.js";
import type { Fault } from "../../src/simulators/faults.js";
import { createInProcessState } from "../../src/state/in-process-state.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { createWmsSource, type WmsSource, type WmsSourceOptions } from "../../src/sources/wms/source.js";
import { SINGLE_ATTEMPT } from "../support/single-attempt.js";

const CLIENT = { clientId: "sim-wms-client", clientSecret: "sim-wms-secret" };
const utc = (iso: string) => new Date(`${iso}Z`);

// The doc's ACME-CORP record in the unified model.
const ACME: CustomerRecord = {
  source: "WMS",
  sourceId: "ACME-CORP",
  code: "ACME-CORP",
  name: "Acme Corporation",
  active: true,
  customerType: null,
  website: null,
  email: "orders@acme.example.com",
  phone: "555-0100",
  fax: null,
  accountingCode: null,
  salesPerson: null,
  referenceId: null,
  preferredLocale: null,
  createdAt: utc("2023-04-15T08:30:00"),
  updatedAt: utc("2024-11-02T14:22:00"),
  customFields: [],
  contacts: [
    {
      sourceId: "primary",
      name: "Jane Smith",
      firstName: null,
      lastName: null,
      salutation: null,
      title: null,
      email: "orders@acme.example.com",
      role: null,
      isPrimary: true,
      phoneNumbers: [{ number: "555-0100", type: "Business" }],
    },
  ],
  locations: [
    {
      sourceId: "address",
      kind: "SITE",
      name: null,
      isPrimary: true,
      address: {
        line1: "123 Industrial Way",
        line2: null,
        city: "Springfield",
        stateProvince: "IL",
        postalCode: "62701",
        country: "US",
        region: null,
        attention: null,
      },
      customFields: [],
      createdAt: utc("2023-04-15T08:30:00"),
      updatedAt: utc("2024-11-02T14:22:00"),
    },
  ],
  accounts: [],
};

let sims: RunningSimulators;
const sourceWith = (options: Partial<WmsSourceOptions> = {}): WmsSource =>
  createWmsSource({ baseUrl: sims.baseUrls.wms, ...CLIENT, timeoutMs: 5_000, concurrency: 4, resilience: SINGLE_ATTEMPT, ...options });
const wmsCalls = () => sims.stats.snapshot().wms ?? {};
const setFaults = (faults: Fault[], latencyMs = 0) => sims.faults.set({ wms: { faults, latencyMs } });

async function vendorError(promise: Promise<unknown>, code: ErrorCode): Promise<VendorError> {
  const err = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  const vendor = err as VendorError;
  expect(vendor.code, vendor.detail).toBe(code);
  expect(vendor.source).toBe("WMS");
  return vendor;
}

async function readAll(source: WmsSource): Promise<CustomerRecord[]> {
  if (source.paging.model !== "PAGE_NUMBER") throw new Error("WMS pages by number");
  return (await source.paging.listPage({}, 1, 250)).records;
}

function pager(source: WmsSource) {
  if (source.paging.model !== "PAGE_NUMBER") throw new Error("WMS pages by number");
  return source.paging;
}

beforeAll(async () => {
  sims = await startSimulators({ sizes: { wms: 48, rpm: 1, komet: 1, connect: 1 } });
});
afterAll(() => sims.close());
afterEach(() => sims.faults.set({}));

describe("WMS source: reading", () => {
  let source: WmsSource;
  beforeAll(() => {
    sims.reset();
    source = sourceWith();
  });

  it("declares page-number paging of at most 250 and updatedSince as its only exact filter", () => {
    expect(source.name).toBe("WMS");
    expect(source.paging.model).toBe("PAGE_NUMBER");
    expect(pager(source).maxPageSize).toBe(250);
    expect([...source.exactFilters]).toEqual(["updatedSince"]);
    expect(source.relatedCalls).toBeUndefined();
  });

  it("maps the doc's ACME-CORP list record to the unified customer, leaving nothing undefined", async () => {
    const { records, totalCount } = await pager(source).listPage({}, 1, 25);
    expect(totalCount).toBe(48);
    expect(records).toHaveLength(25);
    expect(records[0]).toEqual(ACME);
    for (const record of records) {
      for (const [field, value] of Object.entries(record)) expect(value, field).not.toBeUndefined();
    }
  });

  it("maps BRIGHT-MFG's fax into the contact's phone numbers and its second address line", async () => {
    const [, bright] = (await pager(source).listPage({}, 1, 2)).records;
    expect(bright).toMatchObject({ sourceId: "BRIGHT-MFG", fax: "555-0202", phone: "555-0201" });
    expect(bright.contacts?.[0].phoneNumbers).toEqual([
      { number: "555-0201", type: "Business" },
      { number: "555-0202", type: "Fax" },
    ]);
    expect(bright.locations?.[0].address).toMatchObject({ line1: "88 Factory Rd", line2: "Suite 200", postalCode: "61101" });
  });

  it("gives customers without a contact no contacts, and customers without an address no locations", async () => {
    const all = await readAll(source);
    const withoutContact = all.filter((c) => c.contacts?.length === 0);
    const withoutAddress = all.filter((c) => c.locations?.length === 0);
    expect(withoutContact.length).toBeGreaterThan(0);
    expect(withoutAddress.length).toBeGreaterThan(0);
    expect(all.filter((c) => !c.active).length).toBeGreaterThan(0);
  });

  it("pages by number: pages of any size put together give the whole list once, in shortID order", async () => {
    const all = await readAll(source);
    expect(all).toHaveLength(48);
    const ids = all.map((c) => c.sourceId);
    expect(ids).toEqual([...ids].sort());
    const pieces: CustomerRecord[] = [];
    for (let page = 1; page <= 5; page++) {
      const { records, totalCount } = await pager(source).listPage({}, page, 10);
      expect(totalCount).toBe(48);
      pieces.push(...records);
    }
    expect(pieces).toEqual(all);
  });

  it("answers a page past the end with no records and the whole count", async () => {
    expect(await pager(source).listPage({}, 7, 10)).toEqual({ records: [], totalCount: 48 });
  });

  it("refuses a page size above 250 or a page below 1 without calling the vendor", async () => {
    sims.stats.reset();
    await expect(pager(source).listPage({}, 1, 251)).rejects.toThrow(RangeError);
    await expect(pager(source).listPage({}, 0, 10)).rejects.toThrow(RangeError);
    expect(wmsCalls()["GET /Customer/All"]).toBeUndefined();
  });

  it("passes updatedSince down as modifiedSince, keeping customers updated at or after it", async () => {
    const all = await readAll(source);
    const since = utc("2024-11-02T14:22:00");
    const expected = all.filter((c) => c.updatedAt !== null && c.updatedAt >= since).map((c) => c.sourceId);
    const { records, totalCount } = await pager(source).listPage({ updatedSince: since }, 1, 250);
    expect(records.map((c) => c.sourceId)).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    expect(expected).toContain("ACME-CORP");
    expect(expected.length).toBeLessThan(48);
  });

  it("rounds an updatedSince with milliseconds up, so the vendor's whole-second datetimes filter exactly", async () => {
    const justAfter = new Date(utc("2024-11-02T14:22:00").getTime() + 1);
    const { records } = await pager(source).listPage({ updatedSince: justAfter }, 1, 250);
    expect(records.map((c) => c.sourceId)).not.toContain("ACME-CORP");
    expect(records.every((c) => c.updatedAt !== null && c.updatedAt >= justAfter)).toBe(true);
  });

  it("sends no other filter to the vendor (the graph applies those itself)", async () => {
    const { totalCount } = await pager(source).listPage({ search: "zzz", code: "ACME-CORP", active: false, salesPersonId: "1" }, 1, 5);
    expect(totalCount).toBe(48);
  });

  it("reads customers by shortID in the order asked, null for unknown ones, one call per distinct key", async () => {
    sims.stats.reset();
    const results = await source.getCustomers(["BRIGHT-MFG", "NO-SUCH", "ACME-CORP", "BRIGHT-MFG"]);
    expect(results[0]).toMatchObject({ sourceId: "BRIGHT-MFG", name: "Bright Manufacturing LLC" });
    expect(results[1]).toBeNull();
    expect(results[2]).toEqual(ACME);
    expect(results[3]).toEqual(results[0]);
    expect(wmsCalls()["GET /Customer/{id}"]).toBe(3);
  });

  it("reads a list record and its single read the same way", async () => {
    const all = await readAll(source);
    const some = [all[5], all[17], all[40]];
    expect(await source.getCustomers(some.map((c) => c.sourceId))).toEqual(some);
  });

  it("answers null for the key All without asking the vendor, whose /Customer/All is the list", async () => {
    sims.stats.reset();
    expect(await source.getCustomers(["All"])).toEqual([null]);
    expect(wmsCalls()["GET /Customer/All"]).toBeUndefined();
  });

  it("keeps at most `concurrency` single reads in flight", async () => {
    const ids = (await readAll(source)).slice(0, 6).map((c) => c.sourceId);
    setFaults([], 80);
    const started = performance.now();
    const results = await sourceWith({ concurrency: 2 }).getCustomers(ids);
    // 6 reads, 2 at a time, 80 ms each: at least 3 rounds (the token fetch adds one more).
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 80 - 10);
    expect(results.every((r) => r !== null && !(r instanceof Error))).toBe(true);
  });

  it("returns a failed read in its own slot and the others' records beside it", async () => {
    const oneAtATime = sourceWith({ concurrency: 1 });
    await oneAtATime.getCustomers(["ACME-CORP"]); // the token, so that the fault hits the reads
    setFaults([{ kind: "500", rate: 0.5 }]);
    const [acme, bright] = await oneAtATime.getCustomers(["ACME-CORP", "BRIGHT-MFG"]);
    expect(acme).toEqual(ACME);
    expect(bright).toBeInstanceOf(VendorError);
    expect((bright as VendorError).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });
});

describe("WMS source: token", () => {
  beforeEach(() => sims.reset());

  it("fetches one token and reuses it for every later call", async () => {
    const source = sourceWith();
    await pager(source).listPage({}, 1, 5);
    await pager(source).listPage({}, 2, 5);
    await source.getCustomers(["ACME-CORP", "BRIGHT-MFG"]);
    expect(wmsCalls()).toMatchObject({ Token: 1, "GET /Customer/All": 2, "GET /Customer/{id}": 2 });
  });

  it("shares one token fetch among concurrent first calls", async () => {
    const source = sourceWith();
    await Promise.all([1, 2, 3, 4, 5].map((page) => pager(source).listPage({}, page, 5)));
    expect(wmsCalls()).toEqual({ Token: 1, "GET /Customer/All": 5 });
  });

  it("fetches a new token once and retries when the vendor no longer knows the token", async () => {
    const source = sourceWith();
    await pager(source).listPage({}, 1, 5);
    sims.reset(); // the simulator forgets every token, as after a revocation
    const [a, b] = await Promise.all([pager(source).listPage({}, 1, 5), pager(source).listPage({}, 2, 5)]);
    expect(a.totalCount).toBe(48);
    expect(b.records).toHaveLength(5);
    // Both calls were refused (2) and sent again (2), with one new token between them.
    expect(wmsCalls()).toEqual({ Token: 1, "GET /Customer/All": 4 });
  });

  it("renews the token shortly before expires_in runs out, without waiting to be refused", async () => {
    let clock = Date.parse("2025-06-01T00:00:00Z");
    const source = sourceWith({ now: () => clock });
    await pager(source).listPage({}, 1, 5);
    clock += 14_399_000 - 5 * 60_000;
    await pager(source).listPage({}, 1, 5);
    expect(wmsCalls()).toEqual({ Token: 1, "GET /Customer/All": 2 });
    clock += 5 * 60_000 - 30_000;
    await pager(source).listPage({}, 1, 5);
    expect(wmsCalls()).toEqual({ Token: 2, "GET /Customer/All": 3 });
  });

  it("reports a wrong secret as UPSTREAM_AUTH, without the secret in the detail", async () => {
    const source = sourceWith({ clientSecret: "wrong-secret-123" });
    const err = await vendorError(pager(source).listPage({}, 1, 5), ErrorCode.UPSTREAM_AUTH);
    expect(err.options).toMatchObject({ status: 401, operation: "Token" });
    expect(err.detail).toContain("unauthorized");
    expect(err.detail).not.toContain("wrong-secret-123");
    const [slot] = await source.getCustomers(["ACME-CORP"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(wmsCalls()["GET /Customer/All"]).toBeUndefined();
    expect(source.healthy()).toBe(false);
  });

  it("reports a client without write permission as UPSTREAM_AUTH on writes, and still reads", async () => {
    const source = sourceWith({ clientId: "sim-wms-readonly" });
    expect(await source.getCustomers(["ACME-CORP"])).toEqual([ACME]);
    const err = await vendorError(source.writes.upsert({ shortId: "ACME-CORP", name: "Nope" }), ErrorCode.UPSTREAM_AUTH);
    expect(err.options.status).toBe(403);
    expect(err.detail).toContain("forbidden");
    await vendorError(source.writes.discontinue("ACME-CORP"), ErrorCode.UPSTREAM_AUTH);
    expect(await source.getCustomers(["ACME-CORP"])).toEqual([ACME]);
  });
});

describe("WMS source: writes", () => {
  let source: WmsSource;
  beforeEach(() => {
    sims.reset();
    source = sourceWith();
  });

  it("declares name, address, email and phone as editable, with upsert and discontinue", () => {
    expect([...source.writes.editableFields].sort()).toEqual(["address", "email", "name", "phone"]);
    expect(typeof source.writes.upsert).toBe("function");
    expect(typeof source.writes.discontinue).toBe("function");
  });

  it("lets two instances sharing one SharedState take turns editing a customer: both edits hold", async () => {
    // What REDIS_URL gives several instances; here two sources over one in-process state stand for them.
    const shared = createInProcessState();
    const [one, two] = [sourceWith({ sharedState: shared }), sourceWith({ sharedState: shared })];
    setFaults([], 40);
    await Promise.all([one.writes.edit("BRIGHT-MFG", { name: "Bright Twice" }), two.writes.edit("BRIGHT-MFG", { phone: "555-0288" })]);
    setFaults([]);
    const [after] = await source.getCustomers(["BRIGHT-MFG"]);
    expect(after).toMatchObject({ name: "Bright Twice", phone: "555-0288" });
  });

  it("edits the given fields and keeps every other one", async () => {
    const edited = await source.writes.edit("BRIGHT-MFG", {
      name: "Bright Mfg",
      address: "90 Factory Rd",
      email: "hello@bright.example.com",
      phone: "555-0299",
    });
    expect(edited).toMatchObject({
      sourceId: "BRIGHT-MFG",
      name: "Bright Mfg",
      email: "hello@bright.example.com",
      phone: "555-0299",
      fax: "555-0202",
      active: true,
    });
    expect(edited.locations?.[0].address).toMatchObject({ line1: "90 Factory Rd", line2: "Suite 200", city: "Rockford" });
    expect(edited.contacts?.[0]).toMatchObject({ name: "Tom Briggs", email: "hello@bright.example.com" });
    expect(edited.updatedAt!.getTime()).toBeGreaterThan(utc("2025-01-15T11:05:00").getTime());
    expect(await source.getCustomers(["BRIGHT-MFG"])).toEqual([edited]);
    // The edit's read and its check of `modified` before the write, then the read above.
    expect(wmsCalls()).toMatchObject({ "GET /Customer/{id}": 3, "POST /Customer": 1 });
  });

  it("refuses to edit a field WMS cannot change, without calling the vendor", async () => {
    await expect(source.writes.edit("ACME-CORP", { website: "https://acme.example.com" })).rejects.toThrow(UserInputError);
    expect(wmsCalls()["POST /Customer"]).toBeUndefined();
  });

  it("reports editing a customer that does not exist as NOT_FOUND, and writes nothing", async () => {
    await vendorError(source.writes.edit("NO-SUCH", { name: "Ghost" }), ErrorCode.NOT_FOUND);
    expect(wmsCalls()["POST /Customer"]).toBeUndefined();
    expect(await source.getCustomers(["NO-SUCH"])).toEqual([null]);
  });

  it("reports the vendor's validation error as UPSTREAM_REJECTED naming the field, and changes nothing", async () => {
    const err = await vendorError(source.writes.edit("ACME-CORP", { email: "not-an-email" }), ErrorCode.UPSTREAM_REJECTED);
    expect(err.options.status).toBe(400);
    expect(err.detail).toContain("validation_error");
    expect(err.detail).toContain("fields: email");
    expect(await source.getCustomers(["ACME-CORP"])).toEqual([ACME]);
  });

  it("upserts a new customer (created) and then updates only the fields given (not created)", async () => {
    const first = await source.writes.upsert({ shortId: "NEW-CO", name: "New Co" });
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({
      sourceId: "NEW-CO",
      code: "NEW-CO",
      name: "New Co",
      active: true,
      email: null,
      phone: null,
      fax: null,
      contacts: [],
      locations: [],
    });
    expect(first.record.createdAt).toBeInstanceOf(Date);

    const second = await source.writes.upsert({ shortId: "NEW-CO", city: "Peoria", contact: "Ann Lee", phone: "555-0300" });
    expect(second.created).toBe(false);
    expect(second.record).toMatchObject({ name: "New Co", phone: "555-0300" });
    expect(second.record.locations).toEqual([
      expect.objectContaining({ kind: "SITE", address: expect.objectContaining({ city: "Peoria", line1: null }) }),
    ]);
    expect(second.record.contacts?.[0]).toMatchObject({
      name: "Ann Lee",
      isPrimary: true,
      phoneNumbers: [{ number: "555-0300", type: "Business" }],
    });
    expect(await source.getCustomers(["NEW-CO"])).toEqual([second.record]);
    expect((await pager(source).listPage({}, 1, 1)).totalCount).toBe(49);
  });

  it("upserts the same record twice with the same result", async () => {
    const input = { shortId: "TWICE", name: "Twice Ltd", email: "a@twice.example.com" };
    await source.writes.upsert(input);
    const again = await source.writes.upsert(input);
    expect(again.created).toBe(false);
    expect(again.record).toMatchObject({ name: "Twice Ltd", email: "a@twice.example.com" });
    expect((await pager(source).listPage({}, 1, 1)).totalCount).toBe(49);
  });

  it("reports an upsert with an invalid shortID as UPSTREAM_REJECTED naming shortID", async () => {
    const err = await vendorError(source.writes.upsert({ shortId: "not valid!" }), ErrorCode.UPSTREAM_REJECTED);
    expect(err.detail).toContain("fields: shortID");
  });

  it("discontinues a customer, returns it inactive, and can do so again", async () => {
    const gone = await source.writes.discontinue("ACME-CORP");
    expect(gone).toEqual({ ...ACME, active: false, updatedAt: gone.updatedAt, locations: gone.locations });
    expect(gone.updatedAt!.getTime()).toBeGreaterThan(ACME.updatedAt!.getTime());
    expect(await source.writes.discontinue("ACME-CORP")).toEqual(gone);
    expect(await source.getCustomers(["ACME-CORP"])).toEqual([gone]);
    expect(wmsCalls()["DELETE /Customer/{id}"]).toBe(2);
  });

  it("keeps a discontinued customer discontinued when it is upserted", async () => {
    await source.writes.discontinue("ACME-CORP");
    const { record, created } = await source.writes.upsert({ shortId: "ACME-CORP", name: "Acme Again" });
    expect(created).toBe(false);
    expect(record).toMatchObject({ name: "Acme Again", active: false });
  });

  it("reports discontinuing a customer that does not exist as NOT_FOUND", async () => {
    await vendorError(source.writes.discontinue("NO-SUCH"), ErrorCode.NOT_FOUND);
  });
});

describe("WMS source: vendor faults", () => {
  let source: WmsSource;
  beforeAll(async () => {
    sims.reset();
    source = sourceWith();
    await source.getCustomers(["ACME-CORP"]); // holds a token, so that each fault hits the call under test
  });
  const list = () => pager(source).listPage({}, 1, 5);

  it("reports a 500 as UPSTREAM_UNAVAILABLE and marks the source unhealthy until a call succeeds", async () => {
    setFaults([{ kind: "500", rate: 1 }]);
    const err = await vendorError(list(), ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(err.options).toMatchObject({ status: 500, operation: "GET /Customer/All" });
    expect(source.healthy()).toBe(false);
    sims.faults.set({});
    await list();
    expect(source.healthy()).toBe(true);
  });

  it("reports a 429 as UPSTREAM_RATE_LIMITED with the vendor's Retry-After", async () => {
    setFaults([{ kind: "429", rate: 1, retryAfterSec: 2 }]);
    const err = await vendorError(list(), ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.options).toMatchObject({ status: 429, retryAfterMs: 2_000 });
  });

  it("reports a dropped connection as UPSTREAM_UNAVAILABLE", async () => {
    setFaults([{ kind: "reset", rate: 1 }]);
    await vendorError(list(), ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it("reports no answer within timeoutMs as UPSTREAM_TIMEOUT", async () => {
    const impatient = sourceWith({ timeoutMs: 300 });
    await impatient.getCustomers(["ACME-CORP"]);
    setFaults([{ kind: "hang", rate: 1 }]);
    const started = performance.now();
    await vendorError(pager(impatient).listPage({}, 1, 5), ErrorCode.UPSTREAM_TIMEOUT);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it.each([["malformed"], ["truncated"]] as const)("reports a %s body as UPSTREAM_BAD_RESPONSE", async (kind) => {
    setFaults([{ kind, rate: 1 }]);
    await vendorError(list(), ErrorCode.UPSTREAM_BAD_RESPONSE);
    const [slot] = await source.getCustomers(["BRIGHT-MFG"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it("reports a gateway's HTML error page as UPSTREAM_UNAVAILABLE", async () => {
    setFaults([{ kind: "html", rate: 1 }]);
    const err = await vendorError(list(), ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(err.options.status).toBe(502);
  });

  it("reports a failed token fetch as the error of the call that needed it", async () => {
    const fresh = sourceWith();
    setFaults([{ kind: "500", rate: 1 }]);
    const err = await vendorError(pager(fresh).listPage({}, 1, 5), ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(err.options.operation).toBe("Token");
    sims.faults.set({});
    expect((await pager(fresh).listPage({}, 1, 5)).totalCount).toBeGreaterThan(0);
  });

  it("reports a write whose connection dropped after it was applied as UPSTREAM_OUTCOME_UNKNOWN", async () => {
    setFaults([{ kind: "resetAfterWrite", rate: 1 }]);
    await vendorError(source.writes.upsert({ shortId: "MAYBE-CO", name: "Maybe" }), ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
    await vendorError(source.writes.discontinue("BRIGHT-MFG"), ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
    sims.faults.set({});
    const [maybe, bright] = await source.getCustomers(["MAYBE-CO", "BRIGHT-MFG"]);
    expect(maybe).toMatchObject({ name: "Maybe" });
    expect(bright).toMatchObject({ active: false });
  });

  it("reports a write left unanswered as UPSTREAM_OUTCOME_UNKNOWN, not a timeout", async () => {
    const impatient = sourceWith({ timeoutMs: 300 });
    await impatient.getCustomers(["ACME-CORP"]);
    setFaults([{ kind: "hang", rate: 1 }]);
    await vendorError(impatient.writes.upsert({ shortId: "SLOW-CO" }), ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
  });
});

describe("WMS source: against a recording fake vendor", () => {
  let server: Server;
  let baseUrl: string;
  type Answer = { status?: number; body: unknown };
  /** What the fake answers for "METHOD /path": fixed, or computed per call (a record that changes between reads). */
  const answers = new Map<string, Answer | (() => Answer)>();
  const received: Array<{ method: string; path: string; query: URLSearchParams; authorization?: string; body: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://fake");
        received.push({
          method: req.method ?? "",
          path: url.pathname,
          query: url.searchParams,
          authorization: req.headers.authorization,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        const entry = answers.get(`${req.method} ${url.pathname}`);
        const answer = typeof entry === "function" ? entry() : entry;
        res.writeHead(answer?.status ?? (answer ? 200 : 404), { "content-type": "application/json" });
        res.end(JSON.stringify(answer?.body ?? { statusCode: 404, error: "not_found", message: "none" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.clear();
    received.length = 0;
    answers.set("POST /api/v1/Token", { body: { access_token: "tok-1", token_type: "bearer", expires_in: 14399 } });
  });
  const fake = () => createWmsSource({ baseUrl, ...CLIENT, timeoutMs: 2_000, concurrency: 2 });
  const WIRE_ACME = {
    shortID: "ACME-CORP",
    name: "Acme Corporation",
    address1: "123 Industrial Way",
    address2: "",
    city: "Springfield",
    state: "IL",
    zip: "62701",
    country: "US",
    phone: "555-0100",
    fax: "",
    email: "orders@acme.example.com",
    contact: "Jane Smith",
    active: true,
    created: "2023-04-15T08:30:00",
    modified: "2024-11-02T14:22:00",
  };
  const page = { value: [WIRE_ACME], totalCount: 1, page: 1, pageSize: 25, pageCount: 1, hasMore: false };

  it("asks for a token with the client-credentials form, then sends it as a bearer token", async () => {
    answers.set("GET /api/v1/Customer/All", { body: page });
    await pager(fake()).listPage({}, 1, 25);
    const [token, list] = received;
    expect(token.method).toBe("POST");
    expect(token.path).toBe("/api/v1/Token");
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "sim-wms-client",
      client_secret: "sim-wms-secret",
    });
    expect(list.authorization).toBe("Bearer tok-1");
  });

  it("sends page, pageSize and updatedSince as a zone-less UTC modifiedSince, and nothing else", async () => {
    answers.set("GET /api/v1/Customer/All", { body: page });
    await pager(fake()).listPage(
      { updatedSince: new Date("2024-11-02T16:22:00.250+02:00"), search: "acme", active: true, code: "X", salesPersonId: "7" },
      3,
      40,
    );
    expect(Object.fromEntries(received[1].query)).toEqual({ page: "3", pageSize: "40", modifiedSince: "2024-11-02T14:22:01" });
  });

  it("puts the shortID in the path as one encoded segment", async () => {
    answers.set("GET /api/v1/Customer/A%20B%C3%A9", { body: { ...WIRE_ACME, shortID: "A Bé" } });
    const [record] = await fake().getCustomers(["A Bé"]);
    expect(received[1].path).toBe("/api/v1/Customer/A%20B%C3%A9");
    expect(record).toMatchObject({ sourceId: "A Bé" });
  });

  it("sends no shortID that could leave its path segment: no customer, and no call", async () => {
    const source = fake();
    expect(await source.getCustomers(["A B/..", "..", "A%2F", "A?x", "A#x", "A\\x", "A\u0000"])).toEqual([null, null, null, null, null, null, null]);
    await expect(source.writes.edit("A/..", { name: "X" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(source.writes.discontinue("A/..")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(received).toEqual([]);
  });

  it("edits by sending the whole record read, with the changes over it", async () => {
    answers.set("GET /api/v1/Customer/ACME-CORP", { body: WIRE_ACME });
    answers.set("POST /api/v1/Customer", { body: { ...WIRE_ACME, name: "Acme Two", address1: "1 New St" } });
    const record = await fake().writes.edit("ACME-CORP", { name: "Acme Two", address: "1 New St" });
    expect(record).toMatchObject({ name: "Acme Two" });
    const { active: _a, created: _c, modified: _m, ...fields } = WIRE_ACME;
    // Token, the read, the read that checks `modified` has not moved, the write.
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v1/Token",
      "GET /api/v1/Customer/ACME-CORP",
      "GET /api/v1/Customer/ACME-CORP",
      "POST /api/v1/Customer",
    ]);
    expect(JSON.parse(received[3].body)).toEqual({ ...fields, name: "Acme Two", address1: "1 New St" });
  });

  it("merges again over the newer record when `modified` moved between the read and the write", async () => {
    // Someone saves the customer in WMS's console right after the edit's first read: a new phone, a new modified.
    let reads = 0;
    const changed = { ...WIRE_ACME, phone: "555-0777", modified: "2024-11-02T14:23:10" };
    answers.set("GET /api/v1/Customer/ACME-CORP", () => ({ body: ++reads === 1 ? WIRE_ACME : changed }));
    answers.set("POST /api/v1/Customer", { body: { ...changed, name: "Acme Two" } });
    await fake().writes.edit("ACME-CORP", { name: "Acme Two" });
    const posts = received.filter((r) => r.method === "POST" && r.path === "/api/v1/Customer");
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ name: "Acme Two", phone: "555-0777" });
    expect(reads).toBe(3);
  });

  /** An edit of ACME-CORP by a source that listed `listed` first, WMS holding `atVendor`: the calls it made. */
  async function editAfterList(listed: Record<string, unknown>, atVendor: Record<string, unknown>) {
    answers.set("GET /api/v1/Customer/All", { body: { ...page, value: [listed] } });
    answers.set("GET /api/v1/Customer/ACME-CORP", { body: atVendor });
    answers.set("POST /api/v1/Customer", { body: { ...atVendor, name: "Acme Two" } });
    const source = fake();
    await pager(source).listPage({}, 1, 25);
    received.length = 0;
    await source.writes.edit("ACME-CORP", { name: "Acme Two" });
    return received.map((r) => `${r.method} ${r.path}`);
  }
  const READ = "GET /api/v1/Customer/ACME-CORP";
  const WRITE = "POST /api/v1/Customer";

  it("merges over the record in hand from a list page: only the `modified` re-check, then the write", async () => {
    expect(await editAfterList(WIRE_ACME, WIRE_ACME)).toEqual([READ, WRITE]);
    const { active: _a, created: _c, modified: _m, ...fields } = WIRE_ACME;
    expect(JSON.parse(received[1]!.body)).toEqual({ ...fields, name: "Acme Two" });
  });

  it("merges again over the vendor's record when the one in hand is no longer it (`modified` moved since)", async () => {
    // Saved in WMS's console after the list was read: the record in hand is old.
    const changed = { ...WIRE_ACME, phone: "555-0777", modified: "2024-11-02T14:23:10" };
    expect(await editAfterList(WIRE_ACME, changed)).toEqual([READ, READ, WRITE]);
    expect(JSON.parse(received[2]!.body)).toMatchObject({ name: "Acme Two", phone: "555-0777" });
  });

  it("reads the record first when the one in hand has no `modified` to re-check", async () => {
    const { modified: _m, ...undated } = WIRE_ACME;
    expect(await editAfterList(undated, undated)).toEqual([READ, READ, WRITE]);
  });

  it("refuses as a conflict, writing nothing, when the record keeps changing", async () => {
    let reads = 0;
    answers.set("GET /api/v1/Customer/ACME-CORP", () => ({ body: { ...WIRE_ACME, modified: `2024-11-02T14:${String(10 + ++reads).padStart(2, "0")}:00` } }));
    await expect(fake().writes.edit("ACME-CORP", { name: "Acme Two" })).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    expect(received.filter((r) => r.method === "POST" && r.path === "/api/v1/Customer")).toEqual([]);
  });

  it("upserts by sending exactly the fields given", async () => {
    answers.set("POST /api/v1/Customer", { status: 201, body: { ...WIRE_ACME, shortID: "NEW", name: "New" } });
    const input = { shortId: "NEW", name: "New", zip: "", source: "WMS" };
    const { created } = await fake().writes.upsert(input);
    expect(created).toBe(true);
    expect(JSON.parse(received[1].body)).toEqual({ shortID: "NEW", name: "New", zip: "" });
  });

  it("reports a list without the paging envelope, or a customer without its key, as UPSTREAM_BAD_RESPONSE", async () => {
    answers.set("GET /api/v1/Customer/All", { body: { value: "none", totalCount: 0 } });
    answers.set("GET /api/v1/Customer/X", { body: { name: "No key", active: true } });
    const source = fake();
    const err = await vendorError(pager(source).listPage({}, 1, 5), ErrorCode.UPSTREAM_BAD_RESPONSE);
    expect(err.detail).toContain("value");
    const [slot] = await source.getCustomers(["X"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it("reports a token answer without an access token as UPSTREAM_BAD_RESPONSE", async () => {
    answers.set("POST /api/v1/Token", { body: { token_type: "bearer" } });
    await vendorError(pager(fake()).listPage({}, 1, 5), ErrorCode.UPSTREAM_BAD_RESPONSE);
  });
});
