import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, UserInputError, VendorError } from "../../src/errors.js";
import type { CustomerRecord } from "../../src/model.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { createRpmSource, type RpmSource } from "../../src/sources/rpm/source.js";
import { parseRpmDate } from "../../src/sources/rpm/wire.js";
import type { FullListPaging } from "../../src/sources/source.js";
import { SINGLE_ATTEMPT } from "../support/single-attempt.js";

const KEY = "sim-rpm-key";
const SIZE = 120;

/** The simulator's first customer as the Customers list gives it: list fields only, detail left undefined. */
const MAPLE_RIDGE_LISTED: CustomerRecord = {
  source: "RPM",
  sourceId: "1001",
  code: null,
  name: "Maple Ridge Dental Group",
  active: true,
  customerType: null,
  email: null,
  phone: null,
  fax: null,
  accountingCode: null,
  salesPerson: null,
  referenceId: null,
  preferredLocale: null,
  createdAt: new Date("2007-01-20T00:00:00Z"),
  updatedAt: new Date("2024-11-02T14:22:00Z"),
};

/** The same customer read with the Customer call. */
const MAPLE_RIDGE_DETAIL: CustomerRecord = {
  ...MAPLE_RIDGE_LISTED,
  website: "https://www.mapleridgedental.example",
  customFields: [
    { name: "Industry", value: "Health" },
    { name: "Credit Limit", value: "25000" },
    { name: "Notes", value: null },
  ],
  contacts: [
    {
      sourceId: "501",
      name: "Dana Whitfield",
      firstName: "Dana",
      lastName: "Whitfield",
      salutation: "Dr.",
      title: "Practice Owner",
      email: "dana.whitfield@mapleridgedental.example",
      role: null,
      isPrimary: true,
      phoneNumbers: [
        { number: "(503) 555-0142", type: "Business" },
        { number: "(503) 555-0143", type: "Fax" },
      ],
    },
    {
      sourceId: "502",
      name: "Luis Ortega",
      firstName: "Luis",
      lastName: "Ortega",
      salutation: null,
      title: "Office Manager",
      email: null,
      role: null,
      isPrimary: false,
      phoneNumbers: [
        { number: "(503) 555-0199", type: "Home" },
        { number: "(503) 555-0100", type: "Other" },
      ],
    },
  ],
  locations: [
    {
      sourceId: "701",
      kind: "SITE",
      name: "Main Clinic",
      isPrimary: true,
      address: {
        line1: "1200 SW Maple Ridge Rd",
        line2: null,
        city: "Portland",
        stateProvince: "OR",
        postalCode: "97205",
        country: "United States",
        region: null,
        attention: null,
      },
      customFields: [{ name: "Dock Hours", value: "8:00-17:00" }],
      createdAt: new Date("2007-01-20T09:00:00Z"),
      updatedAt: new Date("2023-03-14T16:45:10Z"),
    },
    {
      sourceId: "702",
      kind: "SITE",
      name: "West Side Office",
      isPrimary: false,
      address: {
        line1: "88 Cedar Hills Blvd",
        line2: null,
        city: "Beaverton",
        stateProvince: "OR",
        postalCode: "97005",
        country: "United States",
        region: null,
        attention: null,
      },
      customFields: [],
      createdAt: new Date("2015-06-01T10:30:00Z"),
      updatedAt: new Date("2015-06-01T10:30:00Z"),
    },
  ],
  accounts: [
    {
      sourceId: "801",
      name: "NSW-448812",
      supplier: { id: "301", name: "Northstar Wireless" },
      billingMethod: null,
      currency: null,
      billingEmail: null,
      autoPay: null,
    },
    {
      sourceId: "802",
      name: "BPV-10077",
      supplier: { id: "302", name: "BluePeak Voice" },
      billingMethod: null,
      currency: null,
      billingEmail: null,
      autoPay: null,
    },
  ],
};

let sims: RunningSimulators;

beforeAll(async () => {
  sims = await startSimulators({ sizes: { rpm: SIZE, wms: 1, komet: 1, connect: 1 } });
});
afterAll(() => sims.close());
beforeEach(() => sims.reset());
afterEach(() => sims.faults.set({}));

function source(overrides: Partial<Parameters<typeof createRpmSource>[0]> = {}): RpmSource {
  return createRpmSource({
    baseUrl: sims.baseUrls.rpm,
    apiKey: KEY,
    timeoutMs: 5_000,
    concurrency: 4,
    ...overrides,
  });
}

function listAll(src: RpmSource, filter = {}): Promise<CustomerRecord[]> {
  expect(src.paging.model).toBe("FULL_LIST");
  return (src.paging as FullListPaging).listAll(filter);
}

/** The rejection of `promise`, which must be a VendorError. */
async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

function rpmStats(): Record<string, number> {
  return sims.stats.snapshot().rpm ?? {};
}

/** A stand-in RPM answering every call with `answer`, for shapes the simulator never sends. */
async function withStubRpm(answer: unknown, run: (src: RpmSource) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(createRpmSource({ baseUrl: `http://127.0.0.1:${port}/rpm`, apiKey: KEY, timeoutMs: 2_000, concurrency: 2 }));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe("RPM source: listing", () => {
  it("lists every customer with one Customers call, carrying list fields only and leaving detail undefined", async () => {
    const records = await listAll(source());
    expect(records).toHaveLength(SIZE);
    expect(records[0]).toStrictEqual(MAPLE_RIDGE_LISTED);
    for (const r of records) {
      for (const detail of ["website", "customFields", "contacts", "locations", "accounts"]) {
        expect(r).not.toHaveProperty(detail);
      }
      expect(r.sourceId).toMatch(/^\d+$/);
      expect(r.active).toBe(true);
      expect(r.createdAt).toBeInstanceOf(Date);
      expect(r.updatedAt).toBeInstanceOf(Date);
    }
    expect(rpmStats()).toEqual({ Customers: 1 });
  });

  it("reads both of RPM's date forms in the list as UTC", async () => {
    const raw = await fetch(`${sims.baseUrls.rpm}/Customers`, { method: "POST", headers: { RpmApiKey: KEY }, body: "{}" });
    const wire = ((await raw.json()) as { Result: { Customers: Array<{ Added: string; Modified: string }> } }).Result.Customers;
    const records = await listAll(source());
    let legacy = 0;
    wire.forEach((w, k) => {
      for (const [text, date] of [[w.Added, records[k]!.createdAt], [w.Modified, records[k]!.updatedAt]] as const) {
        const mdy = /^(\d+)\/(\d+)\/(\d{4})$/.exec(text);
        if (mdy) legacy++;
        const expected = mdy ? Date.UTC(Number(mdy[3]), Number(mdy[1]) - 1, Number(mdy[2])) : Date.parse(`${text}Z`);
        expect(date?.getTime()).toBe(expected);
      }
    });
    expect(legacy).toBeGreaterThan(SIZE / 8);
  });

  it("filters nothing at RPM: the list is the same whatever the filter, and no filter is declared exact", async () => {
    const src = source();
    expect(src.exactFilters.size).toBe(0);
    const filtered = await listAll(src, { search: "zzz-no-such", code: "X", active: false, salesPersonId: "9" });
    expect(filtered).toHaveLength(SIZE);
    expect(rpmStats()).toEqual({ Customers: 1 });
  });

  it('answers an empty list when RPM says "No customers"', async () => {
    const empty = await startSimulators({ sizes: { rpm: 0, wms: 1, komet: 1, connect: 1 } });
    try {
      const src = createRpmSource({ baseUrl: empty.baseUrls.rpm, apiKey: KEY, timeoutMs: 5_000, concurrency: 2 });
      expect(await listAll(src)).toEqual([]);
      expect(await src.client.listCustomers()).toEqual({ age: null, customers: [] });
    } finally {
      await empty.close();
    }
  });

  it("exposes the list's Age, which grows with every edit", async () => {
    const src = source();
    const before = await src.client.listCustomers();
    expect(before.age).toBe(1000);
    await src.writes!.edit("1005", { website: "https://qc.example" });
    expect((await src.client.listCustomers()).age).toBe(1001);
  });

  it("lists 100,000 customers", async () => {
    const big = await startSimulators({ sizes: { rpm: 100_000, wms: 1, komet: 1, connect: 1 } });
    try {
      const src = createRpmSource({ baseUrl: big.baseUrls.rpm, apiKey: KEY, timeoutMs: 30_000, concurrency: 2 });
      const records = await listAll(src);
      expect(records).toHaveLength(100_000);
      expect(new Set(records.map((r) => r.sourceId)).size).toBe(100_000);
      expect(records.every((r) => r.createdAt instanceof Date)).toBe(true);
    } finally {
      await big.close();
    }
  });
});

describe("RPM source: reading customers", () => {
  it("maps a customer's full record: website, custom fields, contacts with phone types, locations, accounts", async () => {
    expect(await source().getCustomers(["1001"])).toStrictEqual([MAPLE_RIDGE_DETAIL]);
    expect(rpmStats()).toEqual({ Customer: 1 });
  });

  it("maps a customer with no detail to nulls and empty lists", async () => {
    const [record] = await source().getCustomers(["1005"]);
    expect(record).toMatchObject({
      sourceId: "1005",
      name: "Quill & Compass Consulting",
      website: null,
      customFields: [],
      contacts: [],
      locations: [],
      accounts: [],
      createdAt: new Date("2021-09-13T11:05:42Z"),
    });
  });

  it("answers in the order asked, null for unknown and non-numeric ids, calling RPM only for numeric ones", async () => {
    const results = await source().getCustomers(["1005", "999999", "abc", "1001", "01", "-4", "99999999999"]);
    expect(results.map((r) => (r instanceof Error ? r : r?.sourceId ?? null))).toEqual([
      "1005",
      null,
      null,
      "1001",
      null,
      null,
      null,
    ]);
    expect(rpmStats()).toEqual({ Customer: 3 });
  });

  it("reads each distinct id once", async () => {
    const results = await source().getCustomers(["1001", "1005", "1001", "1005"]);
    expect(results.map((r) => (r as CustomerRecord).sourceId)).toEqual(["1001", "1005", "1001", "1005"]);
    expect(rpmStats()).toEqual({ Customer: 2 });
  });

  it("keeps at most `concurrency` Customer calls in flight", async () => {
    const ids = (await listAll(source())).slice(0, 6).map((r) => r.sourceId);
    sims.faults.set({ rpm: { latencyMs: 100 } });
    let started = performance.now();
    await source({ concurrency: 2 }).getCustomers(ids);
    const pairwise = performance.now() - started;
    started = performance.now();
    await source({ concurrency: 6 }).getCustomers(ids);
    const allAtOnce = performance.now() - started;
    // Six 100 ms calls two at a time need three rounds; all at once, one.
    expect(pairwise).toBeGreaterThanOrEqual(290);
    expect(allAtOnce).toBeLessThan(pairwise);
    expect(rpmStats().Customer).toBe(12);
  });

  it("lets a failed Customer call cost only its own slot", async () => {
    const ids = (await listAll(source())).slice(0, 4).map((r) => r.sourceId);
    sims.faults.set({ rpm: { faults: [{ kind: "500", rate: 0.5 }] } });
    const results = await source({ concurrency: 1, resilience: SINGLE_ATTEMPT }).getCustomers(ids);
    expect(results.map((r) => (r instanceof VendorError ? r.code : (r as CustomerRecord).sourceId))).toEqual([
      ids[0],
      ErrorCode.UPSTREAM_UNAVAILABLE,
      ids[2],
      ErrorCode.UPSTREAM_UNAVAILABLE,
    ]);
  });

  it("reads a customer by name, and without locations when asked, leaving locations undefined", async () => {
    const { client } = source();
    const byName = await client.getCustomer({ name: "Quill & Compass Consulting" });
    expect(byName?.CustomerID).toBe(1005);
    expect(await client.getCustomer({ name: "Nobody Inc." })).toBeNull();
    const detail = await client.getCustomer({ customerId: 1001 }, { includeLocations: false });
    expect(detail?.Locations).toBeUndefined();
    expect(detail?.Contacts).toHaveLength(2);
  });
});

describe("RPM source: editing", () => {
  it("offers exactly name, website, address and custom fields", () => {
    expect([...source().writes!.editableFields].sort()).toEqual(["address", "customFields", "name", "website"]);
  });

  it("edits name, website, address and custom fields, answers the new record, and later reads show it", async () => {
    const src = source();
    const edited = await src.writes!.edit("1001", {
      name: "Maple Ridge Dental",
      website: "https://mapleridge.example",
      address: "1300 SW Maple Ridge Rd",
      customFields: [
        { name: "Credit Limit", value: "30000" },
        { name: "Industry", value: null },
        { name: "Account Manager", value: "J. Ruiz" },
      ],
    });
    expect(edited).toMatchObject({
      sourceId: "1001",
      name: "Maple Ridge Dental",
      website: "https://mapleridge.example",
      customFields: [
        { name: "Industry", value: null },
        { name: "Credit Limit", value: "30000" },
        { name: "Notes", value: null },
        { name: "Account Manager", value: "J. Ruiz" },
      ],
    });
    expect(edited.locations?.[0]?.address.line1).toBe("1300 SW Maple Ridge Rd");
    expect(edited.updatedAt!.getTime()).toBeGreaterThan(MAPLE_RIDGE_LISTED.updatedAt!.getTime());
    expect(edited.contacts).toEqual(MAPLE_RIDGE_DETAIL.contacts);

    const [reread] = await src.getCustomers(["1001"]);
    expect(reread).toStrictEqual(edited);
    const listed = (await listAll(src))[0]!;
    expect(listed.name).toBe("Maple Ridge Dental");
    expect(listed.updatedAt).toEqual(edited.updatedAt);
    expect(rpmStats()).toEqual({ CustomerEdit: 1, Customer: 1, Customers: 1 });
  });

  it("sends only the fields given", async () => {
    const edited = await source().writes!.edit("1001", { website: "https://only-website.example" });
    expect(edited).toMatchObject({ name: "Maple Ridge Dental Group", website: "https://only-website.example" });
    expect(edited.customFields).toEqual(MAPLE_RIDGE_DETAIL.customFields);
    expect(edited.locations).toEqual(MAPLE_RIDGE_DETAIL.locations);
  });

  it("gives a customer without locations a primary location for a new address", async () => {
    const edited = await source().writes!.edit("1005", { address: "9 Quill Lane" });
    expect(edited.locations).toHaveLength(1);
    expect(edited.locations![0]).toMatchObject({ kind: "SITE", isPrimary: true, address: { line1: "9 Quill Lane" } });
  });

  it("refuses a rename to another customer's name as CONFLICT and changes nothing", async () => {
    const src = source();
    const err = await vendorError(src.writes!.edit("1001", { name: "Quill & Compass Consulting" }));
    expect(err.code).toBe(ErrorCode.CONFLICT);
    expect(err.detail).toContain("A customer with that name already exists");
    expect((await src.getCustomers(["1001"]))[0]).toMatchObject({ name: "Maple Ridge Dental Group" });
  });

  it("answers NOT_FOUND for an unknown customer, and for a non-numeric id without calling RPM", async () => {
    const src = source();
    expect((await vendorError(src.writes!.edit("999999", { website: "x" }))).code).toBe(ErrorCode.NOT_FOUND);
    expect((await vendorError(src.writes!.edit("abc", { website: "x" }))).code).toBe(ErrorCode.NOT_FOUND);
    expect(rpmStats()).toEqual({ CustomerEdit: 1 });
  });

  it("refuses a field RPM cannot change before calling RPM", async () => {
    const err = await source()
      .writes!.edit("1001", { email: "a@b.example" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as UserInputError).field).toEqual(["input", "email"]);
    expect(rpmStats()).toEqual({});
  });
});

describe("RPM source: RPM's errors", () => {
  it("turns a wrong key into UPSTREAM_AUTH on every call, keeping RPM's message but never the key", async () => {
    const src = source({ apiKey: "wrong-key-123" });
    const listErr = await vendorError(listAll(src));
    expect(listErr.code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(listErr.detail).toContain("Key not found");
    expect(listErr.detail).not.toContain("wrong-key-123");
    const [slot] = await src.getCustomers(["1001"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect((await vendorError(src.writes!.edit("1001", { website: "x" }))).code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(src.healthy()).toBe(false);
  });

  it("turns a missing key into UPSTREAM_AUTH", async () => {
    const err = await vendorError(listAll(source({ apiKey: "" })));
    expect(err.code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(err.detail).toContain("Valid key required");
  });

  it("turns the object-shaped daily-limit error into UPSTREAM_RATE_LIMITED, never data", async () => {
    const src = source({ apiKey: "sim-rpm-limited" });
    const err = await vendorError(listAll(src));
    expect(err.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.detail).toContain("API daily limit reached");
    expect(((await src.getCustomers(["1001"]))[0] as VendorError).code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
  });

  it("turns RPM's refusals of a malformed request into UPSTREAM_REJECTED", async () => {
    const { client } = source();
    const edit = (json: unknown) =>
      client.request({ method: "POST", path: "/CustomerEdit", json, operation: "CustomerEdit", write: true, idempotent: false });
    const missing = await vendorError(edit({}));
    expect(missing.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    // The documented error, in our words: a detail never quotes the vendor (test/hardening/no-leaks.test.ts).
    expect(missing.detail).toContain("Call requires parameter");
    expect(missing.detail).not.toContain("which was not found");
    const noId = await vendorError(edit({ Customer: { Website: "x" } }));
    expect(noId.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    expect(noId.detail).toContain("Customer name or ID must be specified");
  });

  it("keeps the source healthy after a refusal about one record, and unhealthy after an outage", async () => {
    const src = source();
    await src.getCustomers(["999999"]);
    expect(src.healthy()).toBe(true);
    sims.faults.set({ rpm: { faults: [{ kind: "500", rate: 1 }] } });
    await vendorError(listAll(src));
    expect(src.healthy()).toBe(false);
  });
});

describe("RPM source: answers of the wrong shape", () => {
  it("treats an unknown error string as UPSTREAM_REJECTED and never quotes it, nor the key in it", async () => {
    await withStubRpm({ Result: { Error: `Access for ${KEY} suspended` } }, async (src) => {
      const err = await vendorError(listAll(src));
      expect(err.code).toBe(ErrorCode.UPSTREAM_REJECTED);
      expect(err.detail).toContain("an error message RPM does not document");
      expect(err.detail).not.toContain("Access for");
      expect(err.detail).not.toContain(KEY);
    });
  });

  it("treats an Error of an unexpected shape as an error, never as data", async () => {
    await withStubRpm({ Result: { Error: { Code: 7 }, Customers: [] } }, async (src) => {
      expect((await vendorError(listAll(src))).code).toBe(ErrorCode.UPSTREAM_REJECTED);
    });
  });

  it("answers UPSTREAM_BAD_RESPONSE for a list whose CustomerID is not a number", async () => {
    await withStubRpm({ Result: { Age: 1, Customers: [{ Customer: "A", CustomerID: "7", Added: "", Modified: "" }] } }, async (src) => {
      const err = await vendorError(listAll(src));
      expect(err.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
      expect(err.detail).toContain("Result.Customers.0.CustomerID");
    });
  });

  it("answers UPSTREAM_BAD_RESPONSE for a date in neither of RPM's forms", async () => {
    await withStubRpm(
      { Result: { Age: 1, Customers: [{ Customer: "A", CustomerID: 7, Added: "20 Jan 2007", Modified: "" }] } },
      async (src) => {
        const err = await vendorError(listAll(src));
        expect(err.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
        expect(err.detail).toContain("Result.Customers.0.Added: unreadable value");
        expect(err.detail).not.toContain("20 Jan 2007");
      },
    );
  });

  it("answers UPSTREAM_BAD_RESPONSE for an answer without Result, and reads empty dates as null", async () => {
    await withStubRpm({ Customers: [] }, async (src) => {
      expect((await vendorError(listAll(src))).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
      const [slot] = await src.getCustomers(["7"]);
      expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    });
    await withStubRpm({ Result: { Customers: [{ Customer: "A", CustomerID: 7, Added: "", Modified: null }] } }, async (src) => {
      expect(await listAll(src)).toMatchObject([{ sourceId: "7", createdAt: null, updatedAt: null }]);
    });
  });
});

describe("RPM source: vendor faults", () => {
  const readCode = async (src: RpmSource) => (await vendorError(listAll(src))).code;
  /** One attempt per call, so that each fault is met exactly once. */
  const once = (overrides: Partial<Parameters<typeof createRpmSource>[0]> = {}) => source({ resilience: SINGLE_ATTEMPT, ...overrides });

  it("answers UPSTREAM_UNAVAILABLE for a 500", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "500", rate: 1 }] } });
    const err = await vendorError(listAll(once()));
    expect(err).toMatchObject({ code: ErrorCode.UPSTREAM_UNAVAILABLE, options: { status: 500 } });
  });

  it("answers UPSTREAM_RATE_LIMITED with the Retry-After of a 429", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "429", rate: 1, retryAfterSec: 2 }] } });
    const err = await vendorError(listAll(once()));
    expect(err.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.options.retryAfterMs).toBe(2_000);
  });

  it("answers UPSTREAM_UNAVAILABLE for a dropped connection", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "reset", rate: 1 }] } });
    expect(await readCode(once())).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it("answers UPSTREAM_TIMEOUT when RPM never answers", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "hang", rate: 1 }] } });
    expect(await readCode(once({ timeoutMs: 300 }))).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it("answers UPSTREAM_BAD_RESPONSE for broken and truncated JSON", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "malformed", rate: 1 }] } });
    expect(await readCode(once())).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    sims.faults.set({ rpm: { faults: [{ kind: "truncated", rate: 1 }] } });
    expect(await readCode(once())).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    const [slot] = await once().getCustomers(["1001"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it("answers UPSTREAM_UNAVAILABLE for a gateway's HTML error page", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "html", rate: 1 }] } });
    expect(await readCode(once())).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it("answers UPSTREAM_OUTCOME_UNKNOWN when the connection drops after an edit, which RPM did apply, without retrying", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "resetAfterWrite", rate: 1 }] } });
    const src = once();
    const err = await vendorError(src.writes!.edit("1005", { website: "https://applied.example" }));
    expect(err.code).toBe(ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
    expect(rpmStats()).toEqual({ CustomerEdit: 1 });
    const [reread] = await src.getCustomers(["1005"]);
    expect((reread as CustomerRecord).website).toBe("https://applied.example");
  });

  it("answers UPSTREAM_OUTCOME_UNKNOWN when an edit gets no answer in time", async () => {
    sims.faults.set({ rpm: { faults: [{ kind: "hang", rate: 1 }] } });
    const err = await vendorError(once({ timeoutMs: 300 }).writes!.edit("1005", { website: "x" }));
    expect(err.code).toBe(ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
  });
});

describe("RPM dates", () => {
  it.each([
    ["1/20/2007", "2007-01-20T00:00:00.000Z"],
    ["12/5/2019", "2019-12-05T00:00:00.000Z"],
    ["1/20/2007 3:04:05 PM", "2007-01-20T15:04:05.000Z"],
    ["1/20/2007 12:30 AM", "2007-01-20T00:30:00.000Z"],
    ["2024-11-02T14:22:00", "2024-11-02T14:22:00.000Z"],
    ["2024-11-02 14:22:00", "2024-11-02T14:22:00.000Z"],
    ["2024-11-02T14:22:00.5", "2024-11-02T14:22:00.500Z"],
    ["2024-11-02T14:22:00Z", "2024-11-02T14:22:00.000Z"],
    ["2024-11-02T14:22:00+02:00", "2024-11-02T12:22:00.000Z"],
    ["2024-11-02", "2024-11-02T00:00:00.000Z"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseRpmDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["2/30/2020", "13/1/2020", "1/20/07", "2024-13-01", "2024-11-02T25:00:00", "1/20/2007 13:00 PM", "yesterday", ""])(
    "refuses %j",
    (text) => {
      expect(parseRpmDate(text)).toBeUndefined();
    },
  );
});
