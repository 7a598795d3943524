import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, VendorError } from "../../src/errors.js";
import type { CustomerRecord } from "../../src/model.js";
import type { FaultKind } from "../../src/simulators/faults.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { createConnectSource } from "../../src/sources/connect/source.js";
import type { NextCursorPaging, Source } from "../../src/sources/source.js";
import { SINGLE_ATTEMPT } from "../support/single-attempt.js";

const KEY = "sim-connect-key";
const SIZE = 150;

/** The raw customer as the simulator holds it, for comparing the mapping against. */
interface RawCustomer {
  customerId: string;
  name: string;
  users: Array<{ userId: string; name: string; role: string }>;
  contactPerson?: { userId: string };
  shipping?: { name: string };
  billing: { method: string; defaultPaymentProfileId?: string };
  metadata: Record<string, string>;
}

function source(baseUrl: string, overrides: { apiKey?: string; timeoutMs?: number; concurrency?: number } = {}): Source {
  return createConnectSource({ baseUrl, apiKey: KEY, timeoutMs: 3_000, concurrency: 4, resilience: SINGLE_ATTEMPT, ...overrides });
}

function paging(s: Source): NextCursorPaging {
  if (s.paging.model !== "NEXT_CURSOR") throw new Error(`expected NEXT_CURSOR, got ${s.paging.model}`);
  return s.paging;
}

async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

describe("Connect source against the simulator", () => {
  let sims: RunningSimulators;
  let connect: Source;

  /** The simulator's own listing, in its own order (one in-process call, not counted). */
  const rawCustomers = (): RawCustomer[] =>
    (
      sims.simulator("connect").handle({
        method: "GET",
        path: "/customers",
        query: new URLSearchParams("limit=1000"),
        headers: { "x-api-key": KEY },
        body: "",
      }).body as { items: RawCustomer[] }
    ).items;
  const calls = () => sims.stats.snapshot().connect ?? {};

  beforeAll(async () => {
    sims = await startSimulators({ sizes: { rpm: 3, wms: 3, komet: 3, connect: SIZE } });
    connect = source(sims.baseUrls.connect);
  });
  afterAll(() => sims.close());
  beforeEach(() => sims.stats.reset());
  afterEach(() => sims.faults.set({}));

  it("declares forward-only cursor paging up to 1000, search as its only exact filter, and no writes", () => {
    expect(connect.name).toBe("CONNECT");
    expect(paging(connect).maxLimit).toBe(1000);
    expect([...connect.exactFilters]).toEqual(["search"]);
    expect(connect.writes).toBeUndefined();
    expect(connect.relatedCalls).toBeUndefined();
  });

  it("maps the docs' example customer into the unified model", async () => {
    const { records } = await paging(connect).listAfter({}, null, 1);
    expect(records).toEqual([
      {
        source: "CONNECT",
        sourceId: "8f14e45f-ceea-4e7a-a2b1-0c9d3f6a1b27",
        code: "29A-BY3Z-X78",
        name: "John Smith",
        active: true,
        customerType: "CONSUMER",
        website: null,
        email: "jsmith@example.com",
        phone: "+15085550123",
        fax: null,
        accountingCode: null,
        salesPerson: null,
        referenceId: "crm-customer-12345",
        preferredLocale: "en-US",
        createdAt: new Date("2019-01-01T08:00:00Z"),
        updatedAt: new Date("2024-03-18T14:05:09Z"),
        customFields: [],
        contacts: [
          {
            sourceId: "5b0e7c1a-93d2-4f64-8e1b-2c7a9d40f3e6",
            name: "John Smith",
            firstName: null,
            lastName: null,
            salutation: null,
            title: null,
            email: null,
            role: "MEMBER",
            isPrimary: true,
            phoneNumbers: [],
          },
        ],
        locations: [
          {
            sourceId: "billing",
            kind: "BILLING",
            name: null,
            isPrimary: true,
            address: {
              line1: "500 S Main St",
              line2: "Apt 1",
              city: "Natick",
              stateProvince: "CA",
              postalCode: "01701",
              country: "US",
              region: "Middlesex",
              attention: "John Smith",
            },
            customFields: [],
            createdAt: null,
            updatedAt: null,
          },
          {
            sourceId: "shipping",
            kind: "SHIPPING",
            name: "John Doe",
            isPrimary: false,
            address: {
              line1: "500 S Main St",
              line2: "Apt 1",
              city: "Natick",
              stateProvince: "CA",
              postalCode: "01701",
              country: "US",
              region: "Middlesex",
              attention: "John Doe",
            },
            customFields: [],
            createdAt: null,
            updatedAt: null,
          },
        ],
        accounts: [
          {
            sourceId: "c1d2e3f4-a5b6-7890-1234-901234567890",
            name: "Billing (E_INVOICE)",
            supplier: null,
            billingMethod: "E_INVOICE",
            currency: "USD",
            billingEmail: "billing@company.com",
            autoPay: true,
          },
        ],
      } satisfies CustomerRecord,
    ]);
  });

  it("leaves nothing undefined on a list record, since the list carries the whole customer", async () => {
    const { records } = await paging(connect).listAfter({}, null, 1000);
    expect(records).toHaveLength(SIZE);
    const fields: Array<keyof CustomerRecord> = [
      "website",
      "customFields",
      "contacts",
      "locations",
      "accounts",
      "createdAt",
      "updatedAt",
    ];
    for (const record of records) for (const field of fields) expect(record[field], field).not.toBeUndefined();
  });

  it("walks all pages with small limits in the simulator's order, no gap or repeat, the last without nextCursor", async () => {
    const expected = rawCustomers().map((c) => c.customerId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { records: CustomerRecord[]; nextCursor: string | null } = await paging(connect).listAfter({}, cursor, 7);
      seen.push(...page.records.map((r) => r.sourceId));
      cursor = page.nextCursor;
      pages++;
      if (cursor !== null) expect(page.records).toHaveLength(7);
    } while (cursor !== null && pages < 100);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(SIZE / 7));
    expect(calls()).toEqual({ "GET /customers": pages });
  });

  it("stops after a page that ends exactly at the last customer, without an extra call", async () => {
    const first = await paging(connect).listAfter({}, null, 75);
    expect(first.nextCursor).not.toBeNull();
    const second = await paging(connect).listAfter({}, first.nextCursor, 75);
    expect(second.records).toHaveLength(75);
    expect(second.nextCursor).toBeNull();
    expect(calls()).toEqual({ "GET /customers": 2 });
  });

  it("passes search to the vendor and pages within its matches", async () => {
    const raw = rawCustomers();
    const matching = (needle: string) => raw.filter((c) => c.name.toLowerCase().includes(needle.toLowerCase()));
    // A piece of a name that several customers, but not all, share; upper-cased to prove case does not matter.
    const needle = raw
      .map((c) => c.name.slice(1, 4).toUpperCase())
      .find((piece) => matching(piece).length >= 3 && matching(piece).length < SIZE / 2);
    if (!needle) throw new Error("no shared piece of a name in the seeded data");
    const expected = matching(needle).map((c) => c.customerId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { records: CustomerRecord[]; nextCursor: string | null } = await paging(connect).listAfter(
        { search: needle },
        cursor,
        2,
      );
      seen.push(...page.records.map((r) => r.sourceId));
      cursor = page.nextCursor;
    } while (cursor !== null && seen.length <= SIZE);
    expect(seen).toEqual(expected);
    expect(calls()["GET /customers"]).toBe(Math.ceil(expected.length / 2));
  });

  it("maps metadata to custom fields, users to contacts, billing and shipping to locations and billing to an account", async () => {
    const raw = rawCustomers();
    const { records } = await paging(connect).listAfter({}, null, 1000);
    const cases = { metadata: 0, noShipping: 0, noUsers: 0, contactNotFirst: 0, noProfile: 0 };
    records.forEach((record, i) => {
      const c = raw[i];
      expect(record.sourceId).toBe(c.customerId);
      expect(record.customFields).toEqual(Object.entries(c.metadata).map(([name, value]) => ({ name, value })));
      if (Object.keys(c.metadata).length > 0) cases.metadata++;

      const contacts = record.contacts ?? [];
      expect(new Set(contacts.map((x) => x.sourceId)).size).toBe(contacts.length);
      expect(contacts.map((x) => x.sourceId).sort()).toEqual(c.users.map((u) => u.userId).sort());
      if (c.contactPerson) {
        expect(contacts[0]).toMatchObject({ sourceId: c.contactPerson.userId, isPrimary: true });
        expect(contacts.slice(1).every((x) => !x.isPrimary)).toBe(true);
        if (c.users[0].userId !== c.contactPerson.userId) cases.contactNotFirst++;
      } else {
        expect(contacts).toEqual([]);
        cases.noUsers++;
      }

      expect(record.locations?.map((l) => [l.kind, l.sourceId, l.name, l.isPrimary])).toEqual(
        c.shipping
          ? [["BILLING", "billing", null, true], ["SHIPPING", "shipping", c.shipping.name, false]]
          : [["BILLING", "billing", null, true]],
      );
      if (!c.shipping) cases.noShipping++;

      expect(record.accounts).toHaveLength(1);
      expect(record.accounts?.[0]).toMatchObject({
        sourceId: c.billing.defaultPaymentProfileId ?? "billing",
        name: `Billing (${c.billing.method})`,
        billingMethod: c.billing.method,
      });
      if (!c.billing.defaultPaymentProfileId) cases.noProfile++;
      expect(record.active).toBe(true);
    });
    for (const [kind, count] of Object.entries(cases)) expect(count, kind).toBeGreaterThan(0);
  });

  it("reads customers by id in the order asked, null for an unknown one, one call per distinct id", async () => {
    const raw = rawCustomers();
    const [a, b] = [raw[3].customerId, raw[90].customerId];
    const results = await connect.getCustomers([b, "00000000-0000-4000-8000-000000000000", a, b]);
    expect(results.map((r) => (r instanceof Error || r === null ? r : r.sourceId))).toEqual([b, null, a, b]);
    const listed = (await paging(connect).listAfter({}, null, 100)).records.find((r) => r.sourceId === a);
    expect(results[2]).toEqual(listed);
    expect(calls()).toEqual({ "GET /customers/{id}": 3, "GET /customers": 1 });
  });

  it("reads ids that would leave their path segment as no customer, without a call", async () => {
    const results = await connect.getCustomers(["a/b", "../customers", "?limit=1"]);
    expect(results).toEqual([null, null, null]);
    expect(calls()).toEqual({});
  });

  it("keeps other ids inside one path segment", async () => {
    expect(await connect.getCustomers(["a b"])).toEqual([null]);
    expect(calls()).toEqual({ "GET /customers/{id}": 1 });
  });

  it("keeps at most `concurrency` single-customer reads in flight", async () => {
    const ids = rawCustomers()
      .slice(0, 4)
      .map((c) => c.customerId);
    sims.faults.set({ connect: { latencyMs: 150 } });
    const started = performance.now();
    const results = await source(sims.baseUrls.connect, { concurrency: 2 }).getCustomers(ids);
    const elapsed = performance.now() - started;
    expect(results.every((r) => r !== null && !(r instanceof Error))).toBe(true);
    // Four calls of 150 ms two at a time take two rounds; four at once would take one.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(calls()).toEqual({ "GET /customers/{id}": 4 });
  });

  it("turns a wrong key into UPSTREAM_AUTH for lists and reads, and reports itself unhealthy", async () => {
    const wrong = source(sims.baseUrls.connect, { apiKey: "not-the-key" });
    const err = await vendorError(paging(wrong).listAfter({}, null, 10));
    expect(err.code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(err.options.status).toBe(401);
    expect(err.detail).toContain("UNAUTHORIZED");
    expect(wrong.healthy()).toBe(false);
    const [slot] = await wrong.getCustomers([rawCustomers()[0].customerId]);
    expect(slot).toBeInstanceOf(VendorError);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_AUTH);
  });

  it("turns limit 0 and 1001 into the vendor's 400, UPSTREAM_REJECTED", async () => {
    for (const limit of [0, 1001]) {
      const err = await vendorError(paging(connect).listAfter({}, null, limit));
      expect(err.code).toBe(ErrorCode.UPSTREAM_REJECTED);
      expect(err.options.status).toBe(400);
      expect(err.detail).toContain("limit");
    }
    expect(connect.healthy()).toBe(true);
  });

  it("turns a tampered cursor into the vendor's 400, UPSTREAM_REJECTED", async () => {
    const { nextCursor } = await paging(connect).listAfter({}, null, 10);
    const tampered = Buffer.from(JSON.stringify({ p: 20, c: "x" })).toString("base64url");
    for (const cursor of [tampered, `${nextCursor}AA`, "garbage"]) {
      const err = await vendorError(paging(connect).listAfter({}, cursor, 10));
      expect(err.code).toBe(ErrorCode.UPSTREAM_REJECTED);
      expect(err.detail).toContain("cursor");
    }
  });

  const faultCases: Array<{ kind: FaultKind; code: ErrorCode }> = [
    { kind: "500", code: ErrorCode.UPSTREAM_UNAVAILABLE },
    { kind: "reset", code: ErrorCode.UPSTREAM_UNAVAILABLE },
    { kind: "malformed", code: ErrorCode.UPSTREAM_BAD_RESPONSE },
    { kind: "truncated", code: ErrorCode.UPSTREAM_BAD_RESPONSE },
    { kind: "html", code: ErrorCode.UPSTREAM_UNAVAILABLE },
  ];
  for (const { kind, code } of faultCases) {
    it(`turns a ${kind} fault into ${code} for lists and single reads`, async () => {
      sims.faults.set({ connect: { faults: [{ kind, rate: 1 }] } });
      expect((await vendorError(paging(connect).listAfter({}, null, 10))).code).toBe(code);
      const [slot] = await connect.getCustomers([rawCustomers()[0].customerId]);
      expect((slot as VendorError).code).toBe(code);
      expect(connect.healthy()).toBe(false);
      sims.faults.set({});
      await paging(connect).listAfter({}, null, 1);
      expect(connect.healthy()).toBe(true);
    });
  }

  it("turns a 429 into UPSTREAM_RATE_LIMITED carrying Retry-After", async () => {
    sims.faults.set({ connect: { faults: [{ kind: "429", rate: 1, retryAfterSec: 2 }] } });
    const err = await vendorError(paging(connect).listAfter({}, null, 10));
    expect(err.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.options.retryAfterMs).toBe(2_000);
  });

  it("turns a hanging vendor into UPSTREAM_TIMEOUT after timeoutMs", async () => {
    sims.faults.set({ connect: { faults: [{ kind: "hang", rate: 1 }] } });
    const impatient = source(sims.baseUrls.connect, { timeoutMs: 300 });
    const started = performance.now();
    expect((await vendorError(paging(impatient).listAfter({}, null, 10))).code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(performance.now() - started).toBeLessThan(2_000);
    const [slot] = await impatient.getCustomers(["any-id"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it("is untouched by resetAfterWrite, having no writes", async () => {
    sims.faults.set({ connect: { faults: [{ kind: "resetAfterWrite", rate: 1 }] } });
    expect((await paging(connect).listAfter({}, null, 5)).records).toHaveLength(5);
  });
});

describe("Connect source against answers off the documented shape", () => {
  let server: Server;
  let baseUrl: string;
  /** What the fake vendor answers next, by path. */
  let answers: Record<string, { status: number; body: string }> = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? "").split("?")[0];
      const answer = answers[path] ?? { status: 404, body: "{}" };
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses a page item without customerId, and a page without pagination, as UPSTREAM_BAD_RESPONSE", async () => {
    for (const body of [{ items: [{ name: "No Id" }], pagination: {} }, { items: [] }, { customers: [] }]) {
      answers = { "/api/customers": { status: 200, body: JSON.stringify(body) } };
      const err = await vendorError(paging(source(baseUrl)).listAfter({}, null, 10));
      expect(err.code, JSON.stringify(body)).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    }
  });

  it("refuses a customer whose timestamp is not RFC 3339 as UPSTREAM_BAD_RESPONSE", async () => {
    const body = JSON.stringify({ customerId: "c1", name: "X", createdAt: "1/20/2007" });
    answers = { "/api/customers/c1": { status: 200, body } };
    const [slot] = await source(baseUrl).getCustomers(["c1"]);
    expect((slot as VendorError).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it("reads a sparse customer, with every absent part null or empty, and an empty nextCursor as the last page", async () => {
    answers = {
      "/api/customers": {
        status: 200,
        body: JSON.stringify({
          items: [{ customerId: "c2", name: "Sparse", metadata: { tier: 2, flags: { vip: true }, none: null }, billing: null }],
          pagination: { nextCursor: "" },
        }),
      },
    };
    const page = await paging(source(baseUrl)).listAfter({}, null, 10);
    expect(page.nextCursor).toBeNull();
    expect(page.records[0]).toMatchObject({
      sourceId: "c2",
      code: null,
      customerType: null,
      email: null,
      phone: null,
      createdAt: null,
      customFields: [
        { name: "tier", value: "2" },
        { name: "flags", value: '{"vip":true}' },
        { name: "none", value: null },
      ],
      contacts: [],
      locations: [],
      accounts: [],
    });
  });
});
