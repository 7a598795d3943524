import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKometSimulator } from "../../src/simulators/komet.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";

const TOKEN = "sim-komet-token";
const SIZE = 200;

/** The two customers of the doc's sample response, as a JSON reader sees them (the last customerType wins). */
const DOC_BRIDAL_CAKES = {
  id: "25475",
  accountingCode: "ACC10",
  customerType: "PART-TIME FLORIST",
  salesPerson: "Julian Mejía",
  name: "2-14 BRIDAL CAKES",
  salesPersonId: 1819,
  active: "1",
  code: "T3526",
  updatedOn: "2017-08-02T12:15:17",
};
const DOC_FLORES = {
  id: "29775",
  name: "Flores SAS",
  active: "1",
  code: "ASS",
  salesPersonId: 23423,
  customerType: "Retailer",
  updatedOn: "2017-09-15T17:02:50",
};

type WireCustomer = Record<string, string | number>;
interface Answer {
  httpStatus: number;
  contentType: string | null;
  text: string;
  body: Record<string, unknown>;
}

let sims: RunningSimulators;

beforeAll(async () => {
  sims = await startSimulators({ sizes: { komet: SIZE, rpm: 1, wms: 1, connect: 1 } });
});
afterAll(() => sims.close());

async function call(method: string, params: Record<string, string> = {}, token: string | null = TOKEN): Promise<Answer> {
  const url = new URL(`${sims.baseUrls.komet}/${method}`);
  if (token !== null) url.searchParams.set("authenticationToken", token);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const res = await fetch(url);
  const text = await res.text();
  return { httpStatus: res.status, contentType: res.headers.get("content-type"), text, body: JSON.parse(text) };
}

async function customers(params: Record<string, string> = {}): Promise<WireCustomer[]> {
  const answer = await call("customer.list", params);
  expect(answer.body.status).toBe("1");
  return answer.body.customers as WireCustomer[];
}

describe("Komet simulator: customer.list as documented", () => {
  it("answers with the doc's envelope and its two sample customers first, values and types exact", async () => {
    const answer = await call("customer.list");
    expect(answer.httpStatus).toBe(200);
    expect(answer.contentType).toContain("application/json");
    expect(answer.body.status).toBe("1");
    expect(answer.body.message).toBe("OK");
    expect(answer.text).toContain('"status":"1"');
    const [first, second] = answer.body.customers as WireCustomer[];
    expect(first).toStrictEqual(DOC_BRIDAL_CAKES);
    expect(second).toStrictEqual(DOC_FLORES);
    expect(Object.keys(second)).not.toContain("accountingCode");
    expect(Object.keys(second)).not.toContain("salesPerson");
  });

  it("sends every customer in the doc's mix of types: id and active as strings, salesPersonId as a number", async () => {
    const all = await customers({ includeInactive: "true" });
    expect(all).toHaveLength(SIZE);
    for (const c of all) {
      expect(c.id).toMatch(/^\d+$/);
      expect(["1", "0"]).toContain(c.active);
      expect(c.updatedOn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(typeof c.name).toBe("string");
      expect(String(c.code).length).toBeLessThanOrEqual(10);
      expect(typeof c.customerType).toBe("string");
      if ("salesPersonId" in c) expect(typeof c.salesPersonId).toBe("number");
      if ("salesPerson" in c) expect(c).toHaveProperty("salesPersonId");
      // The documented output has no locationId, although it is a filter.
      expect(c).not.toHaveProperty("locationId");
    }
    // Absent keys vary by record, as in the doc's two samples.
    expect(all.some((c) => !("accountingCode" in c))).toBe(true);
    expect(all.some((c) => !("salesPersonId" in c))).toBe(true);
    expect(all.some((c) => c.customerType === "")).toBe(true);
  });

  it("orders customers by id ascending", async () => {
    const ids = (await customers({ includeInactive: "true" })).map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lists only active customers unless includeInactive is true", async () => {
    const byDefault = await customers();
    const activeOnly = await customers({ includeInactive: "false" });
    const all = await customers({ includeInactive: "true" });
    expect(byDefault.every((c) => c.active === "1")).toBe(true);
    expect(activeOnly).toEqual(byDefault);
    expect(all.filter((c) => c.active === "1")).toEqual(byDefault);
    expect(all.some((c) => c.active === "0")).toBe(true);
  });

  it("filters by id with an exact match", async () => {
    expect(await customers({ id: "25475" })).toStrictEqual([DOC_BRIDAL_CAKES]);
    expect(await customers({ id: "2547" })).toEqual([]);
  });

  it("filters by code with an exact match that ignores case, as the doc says of all filters", async () => {
    expect(await customers({ code: "T3526" })).toStrictEqual([DOC_BRIDAL_CAKES]);
    expect(await customers({ code: "t3526" })).toStrictEqual([DOC_BRIDAL_CAKES]);
    expect(await customers({ code: "T352" })).toEqual([]);
  });

  it("filters by name as a case-insensitive LIKE %name%", async () => {
    const all = await customers({ includeInactive: "true" });
    const found = await customers({ name: "bRiDaL", includeInactive: "true" });
    expect(found.map((c) => c.id)).toContain("25475");
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual(all.filter((c) => String(c.name).toLowerCase().includes("bridal")));
  });

  it("filters by salesPersonId, a salesperson shared among customers", async () => {
    const all = await customers({ includeInactive: "true" });
    const found = await customers({ salesPersonId: "1819", includeInactive: "true" });
    expect(found.map((c) => c.id)).toContain("25475");
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual(all.filter((c) => c.salesPersonId === 1819));
  });

  it("filters by locationId, splitting the customers among the company's locations", async () => {
    const all = await customers({ includeInactive: "true" });
    const parts = await Promise.all(["1", "2", "3"].map((id) => customers({ locationId: id, includeInactive: "true" })));
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    const ids = parts.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(all.length);
    expect(parts[0].map((c) => c.id)).toContain("25475");
    expect(await customers({ locationId: "99" })).toEqual([]);
  });

  it("filters by updateAsOf, keeping customers updated on or after that date", async () => {
    const all = await customers({ includeInactive: "true" });
    const found = await customers({ updateAsOf: "2017-09-15", includeInactive: "true" });
    const ids = found.map((c) => c.id);
    expect(ids).toContain("29775"); // updated later that same day
    expect(ids).not.toContain("25475");
    expect(found).toEqual(all.filter((c) => String(c.updatedOn) >= "2017-09-15"));
    expect(found.length).toBeLessThan(all.length);
  });
});

describe("Komet simulator: contacts and ship-tos", () => {
  it("lists a customer's contacts with the published fields: id a number, emailPOD a boolean, the rest strings", async () => {
    const all: Array<Record<string, unknown>> = [];
    for (const c of (await customers({ includeInactive: "true" })).slice(0, 30)) {
      const answer = await call("customer.contact.list", { customerId: String(c.id) });
      expect(answer.httpStatus).toBe(200);
      expect(answer.body).toMatchObject({ status: "1", message: "OK" });
      const contacts = answer.body.contacts as Array<Record<string, unknown>>;
      for (const contact of contacts) {
        expect(Object.keys(contact).sort()).toEqual(
          ["description", "email", "emailPOD", "ext", "fax", "id", "instantMessaging", "mobile", "name", "phone", "type"],
        );
        const { id, emailPOD, ...strings } = contact;
        expect(Number.isInteger(id)).toBe(true);
        expect(typeof emailPOD).toBe("boolean");
        for (const value of Object.values(strings)) expect(typeof value).toBe("string");
        if (contact.phone === "") expect(contact.ext).toBe("");
      }
      all.push(...contacts);
    }
    expect(all.length).toBeGreaterThan(0);
    for (const key of ["name", "type", "phone", "ext", "mobile", "fax"]) {
      expect(all.some((c) => c[key] === ""), `some contact without ${key}`).toBe(true);
      expect(all.some((c) => c[key] !== ""), `some contact with ${key}`).toBe(true);
    }
  });

  it("lists a customer's ship-tos under `shiptos` with the published fields", async () => {
    let total = 0;
    for (const c of (await customers({ includeInactive: "true" })).slice(0, 20)) {
      const answer = await call("customer.shipto.list", { customerId: String(c.id) });
      expect(answer.body).toMatchObject({ status: "1", message: "OK" });
      const shipTos = answer.body.shiptos as Array<Record<string, unknown>>;
      for (const shipTo of shipTos) {
        expect(Object.keys(shipTo).sort()).toEqual(
          ["address", "carrierAccount", "carrierCode", "carrierId", "carrierName", "city", "country", "fax", "id", "name", "phone",
            "shipToCode", "state", "updatedAsOf", "zipcode"],
        );
        expect(Number.isInteger(shipTo.id)).toBe(true);
        expect(Number.isInteger(shipTo.carrierId)).toBe(true);
        expect(shipTo.updatedAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      total += shipTos.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it("searches ship-tos by name or updateAsOf without a customer, and wants one of the three", async () => {
    const ids = (await customers({ includeInactive: "true" })).slice(0, SIZE).map((c) => String(c.id));
    const every = (await Promise.all(ids.map((id) => call("customer.shipto.list", { customerId: id })))).flatMap(
      (a) => a.body.shiptos as Array<Record<string, string | number>>,
    );
    const byName = (await call("customer.shipto.list", { name: "wAREhouse" })).body.shiptos;
    expect(byName).toEqual(every.filter((s) => String(s.name).toLowerCase().includes("warehouse")));
    expect((byName as unknown[]).length).toBeGreaterThan(0);
    const since = (await call("customer.shipto.list", { updateAsOf: "2024-01-01" })).body.shiptos;
    expect(since).toEqual(every.filter((s) => String(s.updatedAsOf) >= "2024-01-01"));
    const one = every[3]!;
    expect((await call("customer.shipto.list", { name: String(one.name), id: String(one.id) })).body.shiptos).toEqual([one]);
    const none = await call("customer.shipto.list", { id: String(one.id) });
    expect(none.body).toMatchObject({ status: "0", message: expect.stringContaining("customerId, name or updateAsOf") });
  });

  it("refuses an unknown, missing or non-integer customerId with status 0", async () => {
    for (const method of ["customer.contact.list", "customer.shipto.list"]) {
      expect((await call(method, { customerId: "1" })).body).toEqual({ status: "0", message: "Customer not found" });
      // customer.shipto.list takes name or updateAsOf instead; its refusal names all three.
      expect((await call(method)).body).toMatchObject({ status: "0", message: expect.stringContaining("customerId") });
      const bad = await call(method, { customerId: "x1" });
      expect(bad.httpStatus).toBe(200);
      expect(bad.body).toMatchObject({ status: "0", message: expect.stringContaining("customerId") });
    }
  });
});

describe("Komet simulator: failures", () => {
  it("answers a missing or wrong token with HTTP 200, status 0 and no data, on every call", async () => {
    for (const method of ["customer.list", "customer.contact.list", "customer.shipto.list"]) {
      for (const token of [null, "wrong-token"]) {
        const answer = await call(method, { customerId: "25475" }, token);
        expect(answer.httpStatus).toBe(200);
        expect(answer.body).toEqual({ status: "0", message: "Invalid authentication token" });
      }
    }
  });

  it("answers the limited token with the daily request limit failure", async () => {
    const answer = await call("customer.list", {}, "sim-komet-limited");
    expect(answer.httpStatus).toBe(200);
    expect(answer.body).toEqual({ status: "0", message: "Daily request limit exceeded" });
  });

  it.each([
    ["id", "abc"],
    ["id", "12.5"],
    ["salesPersonId", "x"],
    ["locationId", "-1"],
    ["includeInactive", "yes"],
    ["updateAsOf", "2017/09/15"],
    ["updateAsOf", "2017-02-30"],
  ])("refuses %s=%s with status 0 and a message naming the parameter", async (name, value) => {
    const answer = await call("customer.list", { [name]: value });
    expect(answer.httpStatus).toBe(200);
    expect(answer.body.status).toBe("0");
    expect(answer.body.message).toContain(name);
    expect(answer.body).not.toHaveProperty("customers");
  });

  it("refuses a call other than GET with status 0", async () => {
    const res = await fetch(`${sims.baseUrls.komet}/customer.list?authenticationToken=${TOKEN}`, { method: "POST" });
    expect(await res.json()).toMatchObject({ status: "0" });
  });

  it("answers an unknown method with 404 and does not count it", async () => {
    sims.reset();
    const res = await fetch(`${sims.baseUrls.komet}/customer.delete?authenticationToken=${TOKEN}`);
    expect(res.status).toBe(404);
    expect(sims.stats.snapshot().komet).toBeUndefined();
  });

  it("counts every call by its method name, refused ones included", async () => {
    sims.reset();
    await call("customer.list");
    await call("customer.list", {}, "wrong-token");
    await call("customer.list", { id: "abc" });
    await call("customer.contact.list", { customerId: "25475" });
    await call("customer.contact.list", { customerId: "1" });
    await call("customer.shipto.list", { customerId: "25475" }, null);
    const stats = await (await fetch(`${sims.url}/__sim/stats`)).json();
    expect(stats.komet).toEqual({ "customer.list": 3, "customer.contact.list": 2, "customer.shipto.list": 1 });
  });
});

describe("Komet simulator: seeding", () => {
  const query = (params: Record<string, string>) => new URLSearchParams({ authenticationToken: TOKEN, ...params });
  const read = (sim: ReturnType<typeof createKometSimulator>, path: string, params: Record<string, string> = {}) =>
    sim.handle({ method: "GET", path, query: query(params), headers: {}, body: "" }).body;

  it("gives the same records and details for the same seed and size, whatever order they are read in", () => {
    const a = createKometSimulator({ customers: 50, seed: 7 });
    const b = createKometSimulator({ customers: 50, seed: 7 });
    expect(read(a, "/customer.list", { includeInactive: "true" })).toEqual(read(b, "/customer.list", { includeInactive: "true" }));
    // b reads another customer's detail first: a customer's detail must not depend on that.
    read(b, "/customer.contact.list", { customerId: "25475" });
    read(b, "/customer.shipto.list", { customerId: "25475" });
    expect(read(a, "/customer.contact.list", { customerId: "29775" })).toEqual(read(b, "/customer.contact.list", { customerId: "29775" }));
    expect(read(a, "/customer.shipto.list", { customerId: "29775" })).toEqual(read(b, "/customer.shipto.list", { customerId: "29775" }));
    const c = createKometSimulator({ customers: 50, seed: 8 });
    expect(read(c, "/customer.list", { includeInactive: "true" })).not.toEqual(read(a, "/customer.list", { includeInactive: "true" }));
  });

  it("keeps the doc's samples first even for the smallest sizes", () => {
    const one = read(createKometSimulator({ customers: 1, seed: 42 }), "/customer.list") as { customers: WireCustomer[] };
    expect(one.customers).toStrictEqual([DOC_BRIDAL_CAKES]);
    const none = read(createKometSimulator({ customers: 0, seed: 42 }), "/customer.list") as { customers: WireCustomer[] };
    expect(none.customers).toEqual([]);
  });

  it("seeds 100,000 customers in well under 3 seconds and serves the last one's detail", () => {
    const started = performance.now();
    const sim = createKometSimulator({ customers: 100_000, seed: 42 });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3_000);
    const list = read(sim, "/customer.list", { includeInactive: "true" }) as { customers: WireCustomer[] };
    expect(list.customers).toHaveLength(100_000);
    const last = String(list.customers[99_999].id);
    expect(read(sim, "/customer.shipto.list", { customerId: last })).toMatchObject({ status: "1" });
    console.info(`Komet simulator: seeded 100,000 customers in ${elapsed.toFixed(0)} ms`);
  });
});
