import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConnectSimulator } from "../../src/simulators/connect.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";

/** The customer shape as the vendor's doc shows it (docs/vendors/connect.md), plus the simulator's timestamps. */
interface Address {
  street1: string;
  city: string;
  zip: string;
  country: string;
  street2?: string;
  state?: string;
  region?: string;
  attention?: string;
}
interface User {
  userId: string;
  name: string;
  role: string;
}
interface Customer {
  customerId: string;
  customerType: string;
  name: string;
  contact: { email: string; msisdn?: string };
  identity: string;
  preferredLocale: string;
  humanReadableId: string;
  referenceId?: string;
  billing: {
    method: string;
    currency: string;
    email: string;
    address: Address;
    defaultPaymentProfileId?: string;
    autoPay: boolean;
  };
  users: User[];
  contactPerson?: User;
  shipping?: { name: string; address: Address; msisdn?: string; instructions?: string };
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
interface Page {
  items: Customer[];
  pagination: { nextCursor?: string };
}
interface ErrorBody {
  error: { code: string; message: string };
}

const KEY = "sim-connect-key";
const SIZE = 150;
const RFC3339_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const HUMAN_ID = /^[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{3}$/;
/** The doc's key order, then the timestamps the simulator adds. */
const DOC_KEYS = [
  "customerId",
  "customerType",
  "name",
  "contact",
  "identity",
  "preferredLocale",
  "humanReadableId",
  "referenceId",
  "billing",
  "users",
  "contactPerson",
  "shipping",
  "metadata",
  "createdAt",
  "updatedAt",
];

describe("Connect simulator against its docs", () => {
  let sims: RunningSimulators;
  let base: string;

  const get = (path: string, key: string | null = KEY) =>
    fetch(`${base}${path}`, { headers: key === null ? {} : { "X-Api-Key": key } });
  const page = async (query: string): Promise<Page> => {
    const res = await get(`/customers?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };
  const all = async (): Promise<Customer[]> => (await page("limit=1000")).items;

  beforeAll(async () => {
    sims = await startSimulators({ sizes: { rpm: 3, wms: 3, komet: 3, connect: SIZE } });
    base = sims.baseUrls.connect;
  });
  afterAll(() => sims.close());
  beforeEach(() => sims.stats.reset());

  it("lists the doc's example customer first, with the doc's values and key order", async () => {
    const res = await get("/customers?limit=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as Page;
    const first = body.items[0];
    expect(Object.keys(first)).toEqual(DOC_KEYS);
    const address = { street1: "500 S Main St", city: "Natick", zip: "01701", country: "US", street2: "Apt 1", state: "CA" };
    expect(first).toMatchObject({
      customerType: "CONSUMER",
      contact: { email: "jsmith@example.com" },
      preferredLocale: "en-US",
      humanReadableId: "29A-BY3Z-X78",
      referenceId: "crm-customer-12345",
      billing: {
        method: "E_INVOICE",
        currency: "USD",
        email: "billing@company.com",
        address,
        defaultPaymentProfileId: "c1d2e3f4-a5b6-7890-1234-901234567890",
        autoPay: true,
      },
      users: [{ role: "MEMBER" }],
      contactPerson: { role: "MEMBER" },
      shipping: { name: "John Doe", address, msisdn: "+15551234567", instructions: "Leave at front door" },
      metadata: {},
    });
    const addressKeys = ["street1", "city", "zip", "country", "street2", "state", "region", "attention"];
    expect(Object.keys(first.billing.address)).toEqual(addressKeys);
    expect(first.createdAt).toMatch(RFC3339_Z);
  });

  it("wraps a page in items and pagination, 50 customers when no limit is given", async () => {
    const res = await get("/customers");
    const body = (await res.json()) as Page;
    expect(Object.keys(body)).toEqual(["items", "pagination"]);
    expect(body.items).toHaveLength(50);
    expect(typeof body.pagination.nextCursor).toBe("string");
  });

  it("sends every customer in the doc's formats: strings, booleans, E.164, RFC 3339 Z timestamps, no nulls", async () => {
    const customers = await all();
    expect(customers).toHaveLength(SIZE);
    for (const c of customers) {
      expect(JSON.stringify(c, (_key, value: unknown) => (value === null ? "<null>" : value))).not.toContain("<null>");
      expect(c.customerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(["CONSUMER", "BUSINESS"]).toContain(c.customerType);
      expect(c.name).not.toBe("");
      expect(c.contact.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      if (c.contact.msisdn !== undefined) expect(c.contact.msisdn).toMatch(E164);
      expect(c.humanReadableId).toMatch(HUMAN_ID);
      expect(c.preferredLocale).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
      expect(typeof c.billing.autoPay).toBe("boolean");
      expect(c.billing.currency).toMatch(/^[A-Z]{3}$/);
      expect(typeof c.billing.address.zip).toBe("string");
      expect(c.billing.address.country).toMatch(/^[A-Z]{2}$/);
      for (const user of c.users) expect(["ADMIN", "MEMBER"]).toContain(user.role);
      if (c.contactPerson) expect(c.users).toContainEqual(c.contactPerson);
      else expect(c.users).toEqual([]);
      for (const value of Object.values(c.metadata)) expect(typeof value).toBe("string");
      expect(c.createdAt).toMatch(RFC3339_Z);
      expect(c.updatedAt).toMatch(RFC3339_Z);
      expect(Date.parse(c.updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.createdAt));
      expect(Object.keys(c)).toEqual(DOC_KEYS.filter((k) => k in c));
    }
  });

  it("has customers without shipping, without users, with metadata and without a payment profile", async () => {
    const customers = await all();
    expect(customers.filter((c) => c.shipping === undefined).length).toBeGreaterThan(0);
    expect(customers.filter((c) => c.users.length === 0).length).toBeGreaterThan(0);
    expect(customers.filter((c) => Object.keys(c.metadata).length > 0).length).toBeGreaterThan(0);
    expect(customers.filter((c) => c.billing.defaultPaymentProfileId === undefined).length).toBeGreaterThan(0);
    const contactNotFirst = customers.filter((c) => c.users.length > 1 && c.contactPerson?.userId !== c.users[0].userId);
    expect(contactNotFirst.length).toBeGreaterThan(0);
    expect(new Set(customers.map((c) => c.customerType))).toEqual(new Set(["CONSUMER", "BUSINESS"]));
  });

  it("orders customers by creation, ties by customerId", async () => {
    const customers = await all();
    let ties = 0;
    for (let i = 1; i < customers.length; i++) {
      const [a, b] = [customers[i - 1], customers[i]];
      expect(a.createdAt <= b.createdAt).toBe(true);
      if (a.createdAt === b.createdAt) {
        ties++;
        expect(a.customerId < b.customerId).toBe(true);
      }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it("refuses a missing or wrong X-API-Key with 401 and the JSON error, and counts the refused calls", async () => {
    const customerId = (await all())[0].customerId;
    sims.stats.reset();
    for (const res of [
      await get("/customers", null),
      await get("/customers", "wrong-key"),
      await get(`/customers/${customerId}`, null),
      await get(`/customers/${customerId}`, "wrong-key"),
    ]) {
      expect(res.status).toBe(401);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("UNAUTHORIZED");
      expect(typeof body.error.message).toBe("string");
    }
    expect(sims.stats.snapshot().connect).toEqual({ "GET /customers": 2, "GET /customers/{id}": 2 });
  });

  it("refuses a limit that is not a whole number from 1 to 1000 with a 400 naming limit", async () => {
    for (const limit of ["0", "1001", "-1", "abc", "2.5", "", "1e3"]) {
      const res = await get(`/customers?limit=${limit}`);
      expect(res.status, `limit=${limit}`).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.message).toContain("limit");
    }
    expect((await page("limit=1")).items).toHaveLength(1);
    expect((await page("limit=1000")).items).toHaveLength(SIZE);
  });

  it("pages with opaque cursors, and a page ending exactly at the last customer has no nextCursor", async () => {
    const first = await page("limit=75");
    const cursor = first.pagination.nextCursor ?? "";
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toMatch(/^\d+$/);
    const second = await page(`limit=75&cursor=${cursor}`);
    expect(second.items).toHaveLength(75);
    expect(second.pagination).toEqual({});
    expect([...first.items, ...second.items].map((c) => c.customerId)).toEqual((await all()).map((c) => c.customerId));
  });

  it("refuses a tampered, made-up or other search's cursor with 400", async () => {
    const cursor = (await page("limit=10")).pagination.nextCursor ?? "";
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    const moved = Buffer.from(JSON.stringify({ ...decoded, p: 20 })).toString("base64url");
    const otherSearch = (await page("limit=1&search=e")).pagination.nextCursor ?? "";
    for (const bad of [moved, "10", "not-a-cursor", `${cursor}x`, otherSearch]) {
      const res = await get(`/customers?limit=10&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe("BAD_REQUEST");
    }
    expect((await get(`/customers?limit=10&cursor=${cursor}`)).status).toBe(200);
  });

  it("searches a case-insensitive substring of the name, paging within the matches", async () => {
    const customers = await all();
    const matching = (needle: string) => customers.filter((c) => c.name.toLowerCase().includes(needle.toLowerCase()));
    const needle = customers
      .map((c) => c.name.slice(1, 4))
      .find((piece) => matching(piece).length >= 3 && matching(piece).length < SIZE / 2);
    if (!needle) throw new Error("no shared piece of a name in the seeded data");
    const expected = matching(needle).map((c) => c.customerId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const body = await page(`limit=2&search=${encodeURIComponent(needle.toUpperCase())}${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...body.items.map((c) => c.customerId));
      cursor = body.pagination.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("answers a search without matches with an empty last page", async () => {
    expect(await page("search=zzzzqqqq")).toEqual({ items: [], pagination: {} });
  });

  it("answers GET /customers/{customerId} with the list's customer, and 404 with the JSON error when none", async () => {
    const customers = await all();
    for (const c of [customers[0], customers[57], customers[SIZE - 1]]) {
      const res = await get(`/customers/${c.customerId}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(c);
    }
    for (const missing of ["00000000-0000-4000-8000-000000000000", "a%2Fb"]) {
      const res = await get(`/customers/${missing}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
    }
  });

  it("counts calls under the README's operation names and answers unknown calls 404 uncounted", async () => {
    await get("/customers?limit=1");
    await get("/customers/nope");
    expect((await fetch(`${base}/customers`, { method: "POST", headers: { "X-Api-Key": KEY }, body: "{}" })).status).toBe(404);
    expect((await get("/customers/a/b")).status).toBe(404);
    expect((await get("/users")).status).toBe(404);
    expect(sims.stats.snapshot().connect).toEqual({ "GET /customers": 1, "GET /customers/{id}": 1 });
  });
});

describe("Connect simulator seeding", () => {
  const firstPage = (seed: number, customers: number) =>
    createConnectSimulator({ customers, seed }).handle({
      method: "GET",
      path: "/customers",
      query: new URLSearchParams("limit=1000"),
      headers: { "x-api-key": KEY },
      body: "",
    }).body as Page;

  it("makes the same customers for the same seed and size, and others for another seed", () => {
    expect(firstPage(7, 300)).toEqual(firstPage(7, 300));
    const other = firstPage(8, 300);
    expect(other.items[0].humanReadableId).toBe("29A-BY3Z-X78");
    expect(other.items[1]).not.toEqual(firstPage(7, 300).items[1]);
  });

  it("seeds 100,000 customers in well under 3 seconds", () => {
    const started = performance.now();
    const sim = createConnectSimulator({ customers: 100_000, seed: 42 });
    const seedMs = performance.now() - started;
    console.info(`Connect simulator seeded 100,000 customers in ${seedMs.toFixed(0)} ms`);
    expect(seedMs).toBeLessThan(3_000);
    const body = sim.handle({
      method: "GET",
      path: "/customers",
      query: new URLSearchParams("limit=1000&search=smith"),
      headers: { "x-api-key": KEY },
      body: "",
    }).body as Page;
    expect(body.items.length).toBeGreaterThan(0);
  });
});
