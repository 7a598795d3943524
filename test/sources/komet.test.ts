import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, VendorError } from "../../src/errors.js";
import type { ContactRecord, CustomerFilter, CustomerRecord, LocationRecord } from "../../src/model.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { codeForKometMessage, KometClient } from "../../src/sources/komet/client.js";
import { createKometSource, MAX_PER_ID_READS } from "../../src/sources/komet/source.js";
import { kometCustomer } from "../../src/sources/komet/wire.js";
import type { Source } from "../../src/sources/source.js";
import { SINGLE_ATTEMPT } from "../support/single-attempt.js";

const TOKEN = "sim-komet-token";
const SIZE = 200;

type WireRecord = Record<string, string | number>;

let sims: RunningSimulators;
let source: Source;

beforeAll(async () => {
  sims = await startSimulators({ sizes: { komet: SIZE, rpm: 1, wms: 1, connect: 1 } });
  source = sourceWith();
});
afterAll(() => sims.close());
afterEach(() => sims.faults.set({}));

function sourceWith(overrides: { token?: string; timeoutMs?: number; baseUrl?: string } = {}): Source {
  return createKometSource({
    baseUrl: overrides.baseUrl ?? sims.baseUrls.komet,
    token: overrides.token ?? TOKEN,
    timeoutMs: overrides.timeoutMs ?? 5_000,
    concurrency: 4,
    resilience: SINGLE_ATTEMPT,
  });
}

function listAll(filter: CustomerFilter, from = source): Promise<CustomerRecord[]> {
  if (from.paging.model !== "FULL_LIST") throw new Error("Komet must page as FULL_LIST");
  return from.paging.listAll(filter);
}

function contactsOf(ids: string[], from = source): Promise<Array<ContactRecord[] | Error>> {
  const call = from.relatedCalls?.contacts;
  if (!call) throw new Error("Komet contacts must be a related call");
  return call(ids);
}

function locationsOf(ids: string[], from = source): Promise<Array<LocationRecord[] | Error>> {
  const call = from.relatedCalls?.locations;
  if (!call) throw new Error("Komet locations must be a related call");
  return call(ids);
}

/** The simulator's own answer, read directly (not counted in the stats), to compare the connector against. */
function vendor(path: string, params: Record<string, string> = {}): Record<string, unknown> {
  const query = new URLSearchParams({ authenticationToken: TOKEN, ...params });
  return sims.simulator("komet").handle({ method: "GET", path, query, headers: {}, body: "" }).body as Record<string, unknown>;
}
const vendorCustomers = (params: Record<string, string> = {}) =>
  vendor("/customer.list", { includeInactive: "true", ...params }).customers as WireRecord[];

function kometCalls(): Record<string, number> {
  return sims.stats.snapshot().komet ?? {};
}

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

describe("Komet source: capabilities", () => {
  it("declares a full list, exact code/salesPersonId/search filters, and no writes", () => {
    expect(source.name).toBe("KOMET");
    expect(source.paging.model).toBe("FULL_LIST");
    expect([...source.exactFilters].sort()).toEqual(["code", "salesPersonId", "search"]);
    expect(source.writes).toBeUndefined();
    expect(source.relatedCalls?.contacts).toBeTypeOf("function");
    expect(source.relatedCalls?.locations).toBeTypeOf("function");
    expect(source.relatedCalls?.accounts).toBeUndefined();
  });
});

describe("Komet source: listing", () => {
  it("lists every customer, inactive included, in one call when no filter is given", async () => {
    sims.reset();
    const records = await listAll({});
    expect(records).toHaveLength(SIZE);
    expect(records.some((r) => !r.active)).toBe(true);
    expect(records.map((r) => r.sourceId)).toEqual(vendorCustomers().map((c) => c.id));
    expect(kometCalls()).toEqual({ "customer.list": 1 });
  });

  it("maps the doc's first sample customer field by field, leaving contacts and locations to their own calls", async () => {
    const [first] = await listAll({});
    const expected: CustomerRecord = {
      source: "KOMET",
      sourceId: "25475",
      code: "T3526",
      name: "2-14 BRIDAL CAKES",
      active: true,
      customerType: "PART-TIME FLORIST",
      website: null,
      email: null,
      phone: null,
      fax: null,
      accountingCode: "ACC10",
      salesPerson: { id: "1819", name: "Julian Mejía" },
      referenceId: null,
      preferredLocale: null,
      createdAt: null,
      updatedAt: new Date("2017-08-02T12:15:17Z"),
      customFields: [],
      accounts: [],
    };
    expect(first).toStrictEqual(expected);
    expect("contacts" in first).toBe(false);
    expect("locations" in first).toBe(false);
  });

  it("maps the doc's second sample: no accounting code, and a salesperson known by id only", async () => {
    const second = (await listAll({}))[1];
    expect(second).toMatchObject({
      sourceId: "29775",
      code: "ASS",
      name: "Flores SAS",
      customerType: "Retailer",
      accountingCode: null,
      salesPerson: { id: "23423", name: null },
      updatedAt: new Date("2017-09-15T17:02:50Z"),
    });
  });

  it("maps an empty customerType to null and a customer with no salesperson to a null salesPerson", async () => {
    const raw = vendorCustomers();
    const untyped = raw.find((c) => c.customerType === "");
    const unassigned = raw.find((c) => !("salesPersonId" in c));
    expect(untyped && unassigned).toBeTruthy();
    const records = await listAll({});
    expect(records.find((r) => r.sourceId === untyped?.id)?.customerType).toBeNull();
    expect(records.find((r) => r.sourceId === unassigned?.id)?.salesPerson).toBeNull();
  });

  it("lists only active customers for active: true, as Komet does by default", async () => {
    const records = await listAll({ active: true });
    expect(records.every((r) => r.active)).toBe(true);
    expect(records.map((r) => r.sourceId)).toEqual(vendorCustomers().filter((c) => c.active === "1").map((c) => c.id));
  });

  it("still reads the inactive customers for active: false, for the graph to keep", async () => {
    const records = await listAll({ active: false });
    expect(records.some((r) => !r.active)).toBe(true);
    expect(records).toHaveLength(SIZE);
  });

  it("filters by a case-insensitive substring of the name", async () => {
    const records = await listAll({ search: "bRiDaL" });
    const expected = vendorCustomers().filter((c) => String(c.name).toLowerCase().includes("bridal"));
    expect(expected.length).toBeGreaterThan(1);
    expect(records.map((r) => r.sourceId)).toEqual(expected.map((c) => c.id));
    expect(records.map((r) => r.sourceId)).toContain("25475");
  });

  it("finds nobody for a search longer than Komet's names can be, without calling", async () => {
    sims.reset();
    expect(await listAll({ search: "x".repeat(201) })).toEqual([]);
    expect(kometCalls()).toEqual({});
  });

  it("filters by exact code, ignoring case as the unified filter and Komet both do", async () => {
    expect((await listAll({ code: "T3526" })).map((r) => r.sourceId)).toEqual(["25475"]);
    expect((await listAll({ code: "t3526" })).map((r) => r.sourceId)).toEqual(["25475"]);
    expect(await listAll({ code: "T352" })).toEqual([]);
  });

  it("finds nobody for an empty code, without calling (Komet would list everyone)", async () => {
    sims.reset();
    expect(await listAll({ code: "" })).toEqual([]);
    expect(kometCalls()).toEqual({});
  });

  it("filters by salesPersonId", async () => {
    const records = await listAll({ salesPersonId: "1819" });
    const expected = vendorCustomers().filter((c) => c.salesPersonId === 1819);
    expect(expected.length).toBeGreaterThan(1);
    expect(records.map((r) => r.sourceId)).toEqual(expected.map((c) => c.id));
    expect(records.every((r) => r.salesPerson?.id === "1819")).toBe(true);
  });

  it("finds nobody for a salesPersonId that is not a Komet id, without calling", async () => {
    sims.reset();
    expect(await listAll({ salesPersonId: "abc" })).toEqual([]);
    expect(await listAll({ salesPersonId: "01819" })).toEqual([]);
    expect(kometCalls()).toEqual({});
  });

  it("passes updatedSince down as its UTC date, so the whole day comes back for the graph to narrow", async () => {
    const records = await listAll({ updatedSince: new Date("2017-09-15T20:00:00Z") });
    const ids = records.map((r) => r.sourceId);
    expect(ids).toContain("29775"); // updated at 17:02 that day: before the instant, on the date
    expect(ids).not.toContain("25475");
    expect(records.every((r) => r.updatedAt !== null && r.updatedAt >= new Date("2017-09-15T00:00:00Z"))).toBe(true);
    expect(ids).toEqual(vendorCustomers({ updateAsOf: "2017-09-15" }).map((c) => c.id));
    // A late-evening instant in another zone is still that UTC date.
    const offset = await listAll({ updatedSince: new Date("2017-09-15T23:30:00-05:00") });
    expect(offset.map((r) => r.sourceId)).toEqual(vendorCustomers({ updateAsOf: "2017-09-16" }).map((c) => c.id));
  });

  it("combines filters in one call", async () => {
    sims.reset();
    const records = await listAll({ salesPersonId: "1819", active: true, search: "a" });
    const expected = vendorCustomers().filter(
      (c) => c.salesPersonId === 1819 && c.active === "1" && String(c.name).toLowerCase().includes("a"),
    );
    expect(records.map((r) => r.sourceId)).toEqual(expected.map((c) => c.id));
    expect(kometCalls()).toEqual({ "customer.list": 1 });
  });
});

describe("Komet source: getCustomers", () => {
  it(`reads one or two customers with one customer.list?id= each (up to ${MAX_PER_ID_READS})`, async () => {
    sims.reset();
    const [one] = await source.getCustomers(["25475"]);
    expect(one).toMatchObject({ sourceId: "25475", name: "2-14 BRIDAL CAKES" });
    expect(kometCalls()).toEqual({ "customer.list": 1 });

    sims.reset();
    const two = await source.getCustomers(["29775", "999999"]);
    expect(two[0]).toMatchObject({ sourceId: "29775", name: "Flores SAS" });
    expect(two[1]).toBeNull();
    expect(kometCalls()).toEqual({ "customer.list": 2 });
  });

  it("reads more than two customers with a single whole-list call, in the order asked, duplicates included", async () => {
    const raw = vendorCustomers();
    const inactive = String(raw.find((c) => c.active === "0")?.id);
    const last = String(raw[raw.length - 1].id);
    sims.reset();
    const records = await source.getCustomers([last, "25475", "424242", inactive, "25475"]);
    expect(kometCalls()).toEqual({ "customer.list": 1 });
    expect(records.map((r) => (r instanceof Error || r === null ? r : r.sourceId))).toEqual([
      last,
      "25475",
      null,
      inactive,
      "25475",
    ]);
  });

  it("finds an inactive customer by id on the per-id path too", async () => {
    const inactive = String(vendorCustomers().find((c) => c.active === "0")?.id);
    const [record] = await source.getCustomers([inactive]);
    expect(record).toMatchObject({ sourceId: inactive, active: false });
  });

  it("answers null for ids that cannot be Komet ids, without calling", async () => {
    sims.reset();
    expect(await source.getCustomers(["abc", "-1", "0", "25475.0", ""])).toEqual([null, null, null, null, null]);
    expect(kometCalls()).toEqual({});
  });

  it("counts only valid distinct ids toward the whole-list threshold", async () => {
    sims.reset();
    const records = await source.getCustomers(["abc", "25475", "25475", "x"]);
    expect(records.map((r) => (r instanceof Error || r === null ? r : r.sourceId))).toEqual([null, "25475", "25475", null]);
    expect(kometCalls()).toEqual({ "customer.list": 1 });
  });

  it("puts a failed call's error in the slots it was for, on both paths", async () => {
    sims.faults.set({ komet: { faults: [{ kind: "500", rate: 1 }] } });
    for (const ids of [["25475"], ["25475", "29775", "29777"]]) {
      const results = await source.getCustomers([...ids, "abc"]);
      for (const r of results.slice(0, ids.length)) {
        expect(r).toBeInstanceOf(VendorError);
        expect((r as VendorError).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      }
      expect(results[ids.length]).toBeNull();
    }
  });
});

describe("Komet source: contacts and locations", () => {
  type RawContact = { id: number; name: string; type: string; phone: string; ext: string; mobile: string; fax: string; email: string };
  type RawShipTo = Record<string, string | number> & { id: number };
  const text = (v: string | number | undefined) => (v === undefined || v === "" ? null : String(v));

  it("reads contacts with one call per distinct customer, in the order asked, as Komet publishes them", async () => {
    sims.reset();
    const results = await contactsOf(["25475", "29775", "25475"]);
    expect(kometCalls()).toEqual({ "customer.contact.list": 2 });
    expect(results[0]).toEqual(results[2]);
    for (const [i, id] of ["25475", "29775"].entries()) {
      const raw = vendor("/customer.contact.list", { customerId: id }).contacts as RawContact[];
      expect(results[i]).toEqual(
        raw.map((c) => ({
          sourceId: String(c.id),
          name: c.name || c.email,
          firstName: null,
          lastName: null,
          salutation: null,
          title: null,
          email: c.email,
          role: text(c.type),
          isPrimary: false,
          phoneNumbers: [
            ...(c.phone ? [{ number: c.ext ? `${c.phone} ext. ${c.ext}` : c.phone, type: "Business" }] : []),
            ...(c.mobile ? [{ number: c.mobile, type: "Mobile" }] : []),
            ...(c.fax ? [{ number: c.fax, type: "Fax" }] : []),
          ],
        })),
      );
    }
  });

  it("covers every contact field the simulator varies: no name, no type, an extension, a mobile, a fax", async () => {
    const ids = vendorCustomers().slice(0, 60).map((c) => String(c.id));
    const contacts = (await contactsOf(ids)).flatMap((r) => (r instanceof Error ? [] : r));
    expect(contacts.some((c) => c.name === c.email)).toBe(true);
    expect(contacts.some((c) => c.role === null)).toBe(true);
    expect(contacts.some((c) => c.role !== null)).toBe(true);
    expect(contacts.some((c) => c.phoneNumbers.length === 0)).toBe(true);
    expect(contacts.some((c) => c.phoneNumbers.some((p) => p.number.includes(" ext. ")))).toBe(true);
    expect(contacts.some((c) => c.phoneNumbers.some((p) => p.type === "Mobile"))).toBe(true);
    expect(contacts.some((c) => c.phoneNumbers.some((p) => p.type === "Fax"))).toBe(true);
  });

  it("reads ship-to addresses as SHIPPING locations, code, numbers and carrier as custom fields", async () => {
    sims.reset();
    const ids = vendorCustomers().slice(0, 10).map((c) => String(c.id));
    const results = await locationsOf(ids);
    expect(kometCalls()).toEqual({ "customer.shipto.list": 10 });
    for (const [i, id] of ids.entries()) {
      const raw = vendor("/customer.shipto.list", { customerId: id }).shiptos as RawShipTo[];
      expect(results[i]).toEqual(
        raw.map((s) => ({
          sourceId: String(s.id),
          kind: "SHIPPING",
          name: s.name,
          isPrimary: false,
          address: {
            line1: s.address,
            line2: null,
            city: s.city,
            stateProvince: s.state,
            postalCode: s.zipcode,
            country: s.country,
            region: null,
            attention: null,
          },
          customFields: (["shipToCode", "phone", "fax", "carrierName", "carrierCode"] as const).flatMap((name) =>
            s[name] === "" ? [] : [{ name, value: String(s[name]) }],
          ),
          createdAt: null,
          updatedAt: new Date(`${s.updatedAsOf}T00:00:00Z`),
        })),
      );
    }
  });

  it("puts NOT_FOUND in the slot of an unknown customer and keeps the others", async () => {
    sims.reset();
    const [unknown, invalid, known] = await locationsOf(["1", "not-an-id", "25475"]);
    expect((unknown as VendorError).code).toBe(ErrorCode.NOT_FOUND);
    expect((invalid as VendorError).code).toBe(ErrorCode.NOT_FOUND);
    expect(Array.isArray(known)).toBe(true);
    // The id that cannot be a Komet id never reaches Komet.
    expect(kometCalls()).toEqual({ "customer.shipto.list": 2 });
  });
});

describe("Komet source: vendor errors", () => {
  it("turns a wrong token into UPSTREAM_AUTH everywhere, keeping Komet's message but never the token", async () => {
    const wrong = sourceWith({ token: "not-the-token" });
    const err = await failure(listAll({}, wrong));
    expect(err.code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(err.detail).toContain("Invalid authentication token");
    expect(err.options.operation).toBe("customer.list");
    const [slot] = await wrong.getCustomers(["25475"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_AUTH);
    const [contacts] = await contactsOf(["25475"], wrong);
    expect((contacts as VendorError).code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(wrong.healthy()).toBe(false);
  });

  it("turns the daily request limit into UPSTREAM_RATE_LIMITED", async () => {
    const limited = sourceWith({ token: "sim-komet-limited" });
    const err = await failure(listAll({}, limited));
    expect(err.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.detail).toContain("Daily request limit exceeded");
    const [shipTos] = await locationsOf(["25475"], limited);
    expect((shipTos as VendorError).code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
  });

  it.each([
    [{ id: "abc" }, "id"],
    [{ updateAsOf: "2017-02-30" }, "updateAsOf"],
    [{ salesPersonId: "x" }, "salesPersonId"],
  ])("turns Komet's refusal of a bad parameter %j into UPSTREAM_REJECTED naming it", async (params, name) => {
    const client = new KometClient({ baseUrl: sims.baseUrls.komet, token: TOKEN, timeoutMs: 5_000 });
    const err = await failure(client.listCustomers(params));
    expect(err.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    expect(err.detail).toContain(name);
  });

  it("refuses an updatedSince that is not a date before calling", async () => {
    sims.reset();
    await expect(listAll({ updatedSince: new Date("nope") })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(kometCalls()).toEqual({});
  });

  it.each([
    ["Invalid authentication token", ErrorCode.UPSTREAM_AUTH],
    ["The token has expired", ErrorCode.UPSTREAM_AUTH],
    ["Daily request limit exceeded", ErrorCode.UPSTREAM_RATE_LIMITED],
    ["Customer not found", ErrorCode.NOT_FOUND],
    ["Invalid value for parameter id: must be an integer", ErrorCode.UPSTREAM_REJECTED],
  ])("reads the status 0 message %j as %s", (message, code) => {
    expect(codeForKometMessage(message)).toBe(code);
  });
});

describe("Komet source: answers that are not what the docs promise", () => {
  let stub: Server;
  let stubUrl: string;
  let answer: unknown;
  let lastUrl = "";

  beforeAll(async () => {
    stub = createServer((req, res) => {
      lastUrl = req.url ?? "";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));

  const stubSource = () => sourceWith({ baseUrl: stubUrl, token: "stub-token-123" });
  const customer = { id: "1", name: "A", active: "1", code: "A1", updatedOn: "2020-01-01T00:00:00" };

  it("sends the token as the authenticationToken query parameter", async () => {
    answer = { status: "1", message: "OK", customers: [] };
    await listAll({}, stubSource());
    const url = new URL(lastUrl, "http://stub");
    expect(url.pathname).toBe("/api/customer.list");
    expect(url.searchParams.get("authenticationToken")).toBe("stub-token-123");
    expect(url.searchParams.get("includeInactive")).toBe("true");
  });

  it("never reads a status 0 answer as data, even one that carries customers", async () => {
    answer = { status: "0", message: "Something went wrong", customers: [customer] };
    const err = await failure(listAll({}, stubSource()));
    expect(err.code).toBe(ErrorCode.UPSTREAM_REJECTED);
  });

  it.each([
    ["no status", { message: "OK", customers: [] }],
    ["an unknown status", { status: "2", message: "OK", customers: [] }],
    ["a status but no customers", { status: "1", message: "OK" }],
    ["an array body", [customer]],
    ["a customer whose active is not a boolean", { status: "1", customers: [{ ...customer, active: "yes" }] }],
    ["a customer whose id is not an integer", { status: "1", customers: [{ ...customer, id: "A-1" }] }],
    ["an impossible updatedOn", { status: "1", customers: [{ ...customer, updatedOn: "2017-02-30T00:00:00" }] }],
    ["an updatedOn at hour 24", { status: "1", customers: [{ ...customer, updatedOn: "2017-02-01T24:00:00" }] }],
    ["an updatedOn with a zone", { status: "1", customers: [{ ...customer, updatedOn: "2017-02-01T10:00:00Z" }] }],
  ])("turns an answer with %s into UPSTREAM_BAD_RESPONSE", async (_what, body) => {
    answer = body;
    const err = await failure(listAll({}, stubSource()));
    expect(err.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it("scrubs the token from a vendor message that echoes it", async () => {
    answer = { status: "0", message: "Invalid authentication token stub-token-123" };
    const err = await failure(listAll({}, stubSource()));
    expect(err.code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(err.detail).not.toContain("stub-token-123");
  });

  it("reads a contact and a ship-to in the forms Komet's pages publish: numeric ids, keys left out, a boolean", async () => {
    answer = {
      status: "1",
      message: "OK",
      contacts: [
        { id: 501, name: "Rosa Prieto", type: "Buyer", phone: "305-555-0101", ext: "22", mobile: "305-555-0199", email: "rosa@example.com", emailPOD: false },
        { id: "502", name: "", email: "ap@example.com", emailPOD: "1" },
        { id: 503 },
      ],
    };
    const [contacts] = await contactsOf(["6"], stubSource());
    expect(new URL(lastUrl, "http://stub").searchParams.get("customerId")).toBe("6");
    expect(contacts).toEqual([
      expect.objectContaining({
        sourceId: "501",
        name: "Rosa Prieto",
        role: "Buyer",
        email: "rosa@example.com",
        phoneNumbers: [
          { number: "305-555-0101 ext. 22", type: "Business" },
          { number: "305-555-0199", type: "Mobile" },
        ],
      }),
      expect.objectContaining({ sourceId: "502", name: "ap@example.com", role: null, phoneNumbers: [] }),
      expect.objectContaining({ sourceId: "503", name: "503", email: null }),
    ]);

    answer = { status: "1", message: "OK", shiptos: [{ id: 77, name: "Dock", address: "1 Main St", zipcode: "33101", carrierId: 3, carrierName: "UPS", updatedAsOf: "2024-03-05" }] };
    const [locations] = await locationsOf(["6"], stubSource());
    expect(locations).toEqual([
      expect.objectContaining({
        sourceId: "77",
        name: "Dock",
        isPrimary: false,
        address: expect.objectContaining({ line1: "1 Main St", line2: null, postalCode: "33101", city: null }),
        customFields: [{ name: "carrierName", value: "UPS" }],
        updatedAt: new Date("2024-03-05T00:00:00Z"),
      }),
    ]);
  });

  it.each([
    ["a contact whose id is not an integer", { status: "1", contacts: [{ id: "c-1", name: "A" }] }],
    ["ship-tos under another key than shiptos", { status: "1", shipTos: [] }],
    ["a ship-to whose updatedAsOf is not a date", { status: "1", shiptos: [{ id: 1, updatedAsOf: "2024-13-01" }] }],
  ])("turns a related answer with %s into UPSTREAM_BAD_RESPONSE in that customer's slot", async (_what, body) => {
    answer = body;
    const call = "contacts" in body ? contactsOf : locationsOf;
    const [slot] = await call(["6"], stubSource());
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it("accepts numbers and booleans in either form Komet sends them", async () => {
    answer = {
      status: 1,
      message: "OK",
      customers: [
        { ...customer, id: 7, active: true, salesPersonId: "12", customerType: null },
        { ...customer, id: "8", active: 0, salesPersonId: "", accountingCode: "" },
        { ...customer, id: "9", active: "false", salesPersonId: 3, salesPerson: "Ana", updatedOn: "" },
      ],
    };
    const records = await listAll({}, stubSource());
    expect(records.map((r) => [r.sourceId, r.active, r.salesPerson, r.customerType, r.accountingCode])).toEqual([
      ["7", true, { id: "12", name: null }, null, null],
      ["8", false, null, null, null],
      ["9", false, { id: "3", name: "Ana" }, null, null],
    ]);
    expect(records[2].updatedAt).toBeNull();
  });

  it("narrows what Komet's LIKE returns to the unified substring, % being a wildcard to Komet", async () => {
    answer = {
      status: "1",
      message: "OK",
      customers: [
        { ...customer, id: "1", name: "50% Roses" },
        { ...customer, id: "2", name: "5000 Roses" },
      ],
    };
    expect((await listAll({ search: "50%" }, stubSource())).map((r) => r.name)).toEqual(["50% Roses"]);
    expect(new URL(lastUrl, "http://stub").searchParams.get("name")).toBe("50%");
  });

  it("picks the asked customer from a per-id answer that holds others", async () => {
    answer = { status: "1", message: "OK", customers: [{ ...customer, id: "7" }, { ...customer, id: "8", name: "B" }] };
    const [record] = await stubSource().getCustomers(["8"]);
    expect(record).toMatchObject({ sourceId: "8", name: "B" });
    expect(new URL(lastUrl, "http://stub").searchParams.get("id")).toBe("8");
  });

  it("reads an unknown customer reported as status 0 'not found' on the per-id path as null", async () => {
    answer = { status: "0", message: "Customer not found" };
    expect(await stubSource().getCustomers(["5"])).toEqual([null]);
  });

  it("reads Komet datetimes as UTC", () => {
    const parsed = kometCustomer.parse({ ...customer, updatedOn: "2017-08-02T12:15:17" });
    expect(parsed.updatedOn?.toISOString()).toBe("2017-08-02T12:15:17.000Z");
    expect(kometCustomer.parse({ ...customer, updatedOn: "2016-02-29 23:59:59.5" }).updatedOn?.toISOString()).toBe("2016-02-29T23:59:59.500Z");
  });
});

describe("Komet source: simulator faults", () => {
  it.each([
    ["500", ErrorCode.UPSTREAM_UNAVAILABLE],
    ["reset", ErrorCode.UPSTREAM_UNAVAILABLE],
    ["malformed", ErrorCode.UPSTREAM_BAD_RESPONSE],
    ["truncated", ErrorCode.UPSTREAM_BAD_RESPONSE],
    ["html", ErrorCode.UPSTREAM_UNAVAILABLE],
  ] as const)("turns a %s fault into %s", async (kind, code) => {
    sims.faults.set({ komet: { faults: [{ kind, rate: 1 }] } });
    const err = await failure(listAll({}));
    expect(err.code).toBe(code);
    expect(source.healthy()).toBe(false);
  });

  it("turns a 429 into UPSTREAM_RATE_LIMITED with the Retry-After delay", async () => {
    sims.faults.set({ komet: { faults: [{ kind: "429", rate: 1, retryAfterSec: 2 }] } });
    const err = await failure(listAll({}));
    expect(err.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.options.retryAfterMs).toBe(2_000);
  });

  it("turns a hung call into UPSTREAM_TIMEOUT after the source's timeout", async () => {
    sims.faults.set({ komet: { faults: [{ kind: "hang", rate: 1 }] } });
    const started = Date.now();
    const err = await failure(listAll({}, sourceWith({ timeoutMs: 300 })));
    expect(err.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("leaves reads alone under a resetAfterWrite fault, Komet having no writes", async () => {
    sims.faults.set({ komet: { faults: [{ kind: "resetAfterWrite", rate: 1 }] } });
    expect(await listAll({ code: "T3526" })).toHaveLength(1);
  });

  it("reports healthy again once a call succeeds after a fault", async () => {
    sims.faults.set({ komet: { faults: [{ kind: "500", rate: 1 }] } });
    await failure(listAll({}));
    expect(source.healthy()).toBe(false);
    sims.faults.set({});
    await listAll({ code: "ASS" });
    expect(source.healthy()).toBe(true);
  });
});
