import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { createWmsSimulatorWithClock } from "../../src/simulators/wms/handler.js";
import type { SimRequest, VendorSimulator } from "../../src/simulators/vendor-simulator.js";

// The vendor doc's example records (ACME-CORP, BRIGHT-MFG), exactly as written there.
const ACME = {
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
const BRIGHT = {
  shortID: "BRIGHT-MFG",
  name: "Bright Manufacturing LLC",
  address1: "88 Factory Rd",
  address2: "Suite 200",
  city: "Rockford",
  state: "IL",
  zip: "61101",
  country: "US",
  phone: "555-0201",
  fax: "555-0202",
  email: "inventory@brightmfg.example.com",
  contact: "Tom Briggs",
  active: true,
  created: "2022-09-01T09:00:00",
  modified: "2025-01-15T11:05:00",
};
const CUSTOMER_KEYS = Object.keys(ACME);
const ZONELESS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

interface WireCustomer {
  shortID: string;
  name: string;
  active: boolean;
  modified: string;
  [field: string]: unknown;
}
interface Envelope {
  value: WireCustomer[];
  totalCount: number;
  page: number;
  pageSize: number;
  pageCount: number;
  hasMore: boolean;
}

let sims: RunningSimulators;
let base: string;

async function tokenFor(clientId: string, clientSecret = "sim-wms-secret"): Promise<string> {
  const res = await fetch(`${base}/Token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

let token: string;
const call = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
const list = async (query = "") => {
  const res = await call(`/Customer/All${query}`);
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as Envelope };
};
const post = (body: unknown, bearer: string | null = token) =>
  call("/Customer", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) }, bearer);

beforeAll(async () => {
  sims = await startSimulators({ sizes: { wms: 48, rpm: 1, komet: 1, connect: 1 } });
  base = sims.baseUrls.wms;
});
afterAll(() => sims.close());
beforeEach(async () => {
  sims.reset();
  token = await tokenFor("sim-wms-client");
});

describe("WMS token endpoint", () => {
  it("issues a bearer token for the client's form credentials", async () => {
    const res = await fetch(`${base}/Token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=sim-wms-client&client_secret=sim-wms-secret",
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "token_type"]);
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 14399 });
    expect(typeof body.access_token).toBe("string");
    expect((await call("/Customer/ACME-CORP", {}, body.access_token)).status).toBe(200);
  });

  it("accepts the client credentials as HTTP Basic", async () => {
    const res = await fetch(`${base}/Token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from("sim-wms-client:sim-wms-secret").toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    });
    expect(res.status).toBe(200);
    expect((await res.json()).token_type).toBe("bearer");
  });

  it("refuses a wrong secret with 401 and the vendor's error body", async () => {
    const res = await fetch(`${base}/Token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=sim-wms-client&client_secret=wrong",
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 401, error: "unauthorized" });
    expect(typeof body.message).toBe("string");
  });

  it("refuses a missing or unsupported grant_type with 400 bad_request", async () => {
    for (const form of ["client_id=sim-wms-client&client_secret=sim-wms-secret", "grant_type=password&client_id=sim-wms-client"]) {
      const res = await fetch(`${base}/Token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, error: "bad_request" });
    }
  });

  it("refuses calls without a token, or with an unknown one, with 401 unauthorized", async () => {
    for (const bearer of [null, "not-a-token"]) {
      const res = await call("/Customer/All", {}, bearer);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ statusCode: 401, error: "unauthorized" });
    }
  });

  it("forgets every token on reset", async () => {
    sims.reset();
    expect((await call("/Customer/All")).status).toBe(401);
  });

  it("lets the read-only client list and get but refuses its writes with 403 forbidden", async () => {
    const readOnly = await tokenFor("sim-wms-readonly");
    expect((await call("/Customer/All", {}, readOnly)).status).toBe(200);
    expect((await call("/Customer/ACME-CORP", {}, readOnly)).status).toBe(200);
    for (const res of [
      await post({ shortID: "ACME-CORP", name: "Changed" }, readOnly),
      await call("/Customer/ACME-CORP", { method: "DELETE" }, readOnly),
    ]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ statusCode: 403, error: "forbidden" });
    }
    expect(await (await call("/Customer/ACME-CORP")).json()).toEqual(ACME);
  });
});

describe("WMS GET /Customer/All", () => {
  it("answers the doc's first page: the example records first, 48 in all, 25 a page", async () => {
    const { res, body } = await list();
    expect(Object.keys(body).sort()).toEqual(["hasMore", "page", "pageCount", "pageSize", "totalCount", "value"]);
    expect(body).toMatchObject({ totalCount: 48, page: 1, pageSize: 25, pageCount: 2, hasMore: true });
    expect(body.value).toHaveLength(25);
    expect(body.value[0]).toEqual(ACME);
    expect(body.value[1]).toEqual(BRIGHT);
    expect(res.headers.get("x-total-count")).toBe("48");
    expect(res.headers.get("x-page-size")).toBe("25");
    expect(res.headers.get("x-page")).toBe("1");
  });

  it("writes every customer with the doc's fields and types", async () => {
    const { body } = await list("?pageSize=250");
    expect(body.value).toHaveLength(48);
    for (const customer of body.value) {
      expect(Object.keys(customer)).toEqual(CUSTOMER_KEYS);
      for (const key of CUSTOMER_KEYS) {
        if (key === "active") expect(typeof customer.active).toBe("boolean");
        else expect(typeof customer[key], key).toBe("string");
      }
      expect(customer.shortID).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/);
      expect(customer.created).toMatch(ZONELESS_DATETIME);
      expect(customer.modified).toMatch(ZONELESS_DATETIME);
      expect(customer.modified >= (customer.created as string)).toBe(true);
    }
    const discontinued = body.value.filter((c) => !c.active);
    expect(discontinued.length).toBeGreaterThanOrEqual(3);
    expect(body.value.some((c) => c.contact === "")).toBe(true);
  });

  it("orders by shortID ascending by default, and by the sort field and direction asked", async () => {
    const ids = (await list("?pageSize=250")).body.value.map((c) => c.shortID);
    expect(ids).toEqual([...ids].sort());
    const byName = (await list("?pageSize=250&sort=name&direction=DESC")).body.value.map((c) => c.name);
    expect(byName).toEqual([...byName].sort().reverse());
    const byModified = (await list("?pageSize=250&sort=modified")).body.value.map((c) => c.modified);
    expect(byModified).toEqual([...byModified].sort());
    const desc = (await list("?pageSize=250&direction=DESC")).body.value.map((c) => c.shortID);
    expect(desc).toEqual([...ids].reverse());
  });

  it("pages by number: the second page holds the rest and says there is no more", async () => {
    const all = (await list("?pageSize=250")).body.value;
    const { res, body } = await list("?page=2");
    expect(body).toMatchObject({ totalCount: 48, page: 2, pageSize: 25, pageCount: 2, hasMore: false });
    expect(body.value).toEqual(all.slice(25));
    expect(res.headers.get("x-page")).toBe("2");
    const middle = (await list("?page=3&pageSize=7")).body;
    expect(middle).toMatchObject({ page: 3, pageSize: 7, pageCount: 7, hasMore: true });
    expect(middle.value).toEqual(all.slice(14, 21));
  });

  it("answers a page past the end with no records and the right totals", async () => {
    const { body } = await list("?page=9&pageSize=10");
    expect(body).toEqual({ value: [], totalCount: 48, page: 9, pageSize: 10, pageCount: 5, hasMore: false });
  });

  it("caps a pageSize above 250 to 250", async () => {
    const { res, body } = await list("?pageSize=1000");
    expect(body.pageSize).toBe(250);
    expect(res.headers.get("x-page-size")).toBe("250");
    expect(body.value).toHaveLength(48);
  });

  it.each([
    ["pageSize=0", "pageSize"],
    ["pageSize=-5", "pageSize"],
    ["pageSize=ten", "pageSize"],
    ["page=0", "page"],
    ["page=1.5", "page"],
    ["direction=UP", "direction"],
    ["sort=color", "sort"],
    ["modifiedSince=yesterday", "modifiedSince"],
  ])("refuses %s with 400 validation_error naming the field", async (query, field) => {
    const res = await call(`/Customer/All?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 400, error: "validation_error" });
    expect(Object.keys(body.details)).toEqual([field]);
    expect(body.details[field][0]).toContain(field);
  });

  it("keeps customers modified at or after modifiedSince, read as UTC", async () => {
    const all = (await list("?pageSize=250")).body.value;
    const since = "2024-11-02T14:22:00";
    const expected = all.filter((c) => c.modified >= since).map((c) => c.shortID);
    const { res, body } = await list(`?pageSize=250&modifiedSince=${since}`);
    expect(body.value.map((c) => c.shortID)).toEqual(expected);
    expect(body.value.map((c) => c.shortID)).toContain("ACME-CORP");
    expect(body.totalCount).toBe(expected.length);
    expect(res.headers.get("x-total-count")).toBe(String(expected.length));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(48);
    const oneSecondLater = (await list(`?pageSize=250&modifiedSince=2024-11-02T14:22:01`)).body.value.map((c) => c.shortID);
    expect(oneSecondLater).not.toContain("ACME-CORP");
    const zoned = (await list(`?pageSize=250&modifiedSince=2024-11-02T15:22:00%2B01:00`)).body.value;
    expect(zoned.map((c) => c.shortID)).toEqual(expected);
  });
});

describe("WMS GET /Customer/{id}", () => {
  it("answers the doc's example for ACME-CORP", async () => {
    const res = await call("/Customer/ACME-CORP");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(ACME);
  });

  it("answers 404 not_found for a customer that does not exist", async () => {
    const res = await call("/Customer/NO-SUCH");
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 404, error: "not_found" });
    expect(body.message).toContain("NO-SUCH");
  });
});

describe("WMS POST /Customer", () => {
  it("updates the doc's example with 200 and the record, stamping modified", async () => {
    const { active: _a, created: _c, modified: _m, ...request } = ACME;
    const res = await post({ ...request, phone: "555-0199" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ ...ACME, phone: "555-0199", modified: body.modified });
    expect(body.modified).toMatch(ZONELESS_DATETIME);
    expect(body.modified > ACME.modified).toBe(true);
    expect(await (await call("/Customer/ACME-CORP")).json()).toEqual(body);
  });

  it("creates an unknown shortID with 201, active, with omitted fields empty", async () => {
    const res = await post({ shortID: "NEW_CO-1", name: "New Co", city: "Peoria" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(CUSTOMER_KEYS);
    expect(body).toMatchObject({ shortID: "NEW_CO-1", name: "New Co", city: "Peoria", address1: "", email: "", active: true });
    expect(body.created).toBe(body.modified);
    expect((await list()).body.totalCount).toBe(49);
    expect((await call("/Customer/NEW_CO-1")).status).toBe(200);
  });

  it("keeps the fields an update leaves out", async () => {
    const res = await post({ shortID: "BRIGHT-MFG", email: "" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ...BRIGHT, email: "", modified: expect.any(String) });
  });

  it.each([
    [{ name: "No id" }, "shortID"],
    [{ shortID: "" }, "shortID"],
    [{ shortID: "has space" }, "shortID"],
    [{ shortID: "-LEADING" }, "shortID"],
    [{ shortID: "A".repeat(21) }, "shortID"],
    [{ shortID: "all" }, "shortID"],
    [{ shortID: "OK-ID", email: "not-an-email" }, "email"],
    [{ shortID: "OK-ID", name: 42 }, "name"],
  ])("refuses %j with 400 validation_error naming %s", async (body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const answer = await res.json();
    expect(answer).toMatchObject({ statusCode: 400, error: "validation_error" });
    expect(Object.keys(answer.details)).toEqual([field]);
    expect((await call("/Customer/OK-ID")).status).toBe(404);
  });

  it("refuses a body that is not a JSON object with 400 bad_request", async () => {
    for (const body of ["{not json", "[1,2]"]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, error: "bad_request" });
    }
  });
});

describe("WMS DELETE /Customer/{id}", () => {
  it("discontinues with 204 and no body, keeps the record, and answers 204 again on a repeat", async () => {
    const res = await call("/Customer/ACME-CORP", { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const after = await (await call("/Customer/ACME-CORP")).json();
    expect(after).toEqual({ ...ACME, active: false, modified: after.modified });
    expect(after.modified > ACME.modified).toBe(true);
    expect((await call("/Customer/ACME-CORP", { method: "DELETE" })).status).toBe(204);
    expect(await (await call("/Customer/ACME-CORP")).json()).toEqual(after);
    expect((await list()).body.totalCount).toBe(48);
  });

  it("leaves a discontinued customer discontinued when it is upserted", async () => {
    await call("/Customer/ACME-CORP", { method: "DELETE" });
    const res = await post({ shortID: "ACME-CORP", name: "Acme Again" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Acme Again", active: false });
  });

  it("answers 404 not_found for a customer that does not exist", async () => {
    const res = await call("/Customer/NO-SUCH", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: 404, error: "not_found" });
  });
});

describe("WMS simulator bookkeeping", () => {
  it("counts every call under the README's names, refused ones included, and unknown paths not at all", async () => {
    sims.reset();
    const fresh = await tokenFor("sim-wms-client");
    await call("/Customer/All", {}, "bad-token");
    await call("/Customer/All", {}, fresh);
    await call("/Customer/ACME-CORP", {}, fresh);
    await call("/Customer/NOPE", {}, fresh);
    await post({ shortID: "X1" }, fresh);
    await call("/Customer/X1", { method: "DELETE" }, fresh);
    expect((await call("/Nope", {}, fresh)).status).toBe(404);
    expect((await call("/Customer/A/B", {}, fresh)).status).toBe(404);
    expect(sims.stats.snapshot().wms).toEqual({
      Token: 1,
      "GET /Customer/All": 2,
      "GET /Customer/{id}": 2,
      "POST /Customer": 1,
      "DELETE /Customer/{id}": 1,
    });
  });

  it("marks POST /Customer and DELETE /Customer/{id} as writes, and nothing else", () => {
    const sim = sims.simulator("wms");
    const req = (method: string, path: string): SimRequest => ({ method, path, query: new URLSearchParams(), headers: {}, body: "" });
    expect(sim.isWrite(req("POST", "/Customer"))).toBe(true);
    expect(sim.isWrite(req("DELETE", "/Customer/ACME-CORP"))).toBe(true);
    expect(sim.isWrite(req("GET", "/Customer/ACME-CORP"))).toBe(false);
    expect(sim.isWrite(req("GET", "/Customer/All"))).toBe(false);
    expect(sim.isWrite(req("POST", "/Token"))).toBe(false);
  });
});

/** Calls a simulator directly, without HTTP, for the tests that need its clock or its size. */
function direct(sim: VendorSimulator) {
  const handle = (method: string, path: string, query = "", headers: Record<string, string> = {}, body = "") =>
    sim.handle({ method, path, query: new URLSearchParams(query), headers, body });
  const token = () => {
    const res = handle("POST", "/Token", "", {}, "grant_type=client_credentials&client_id=sim-wms-client&client_secret=sim-wms-secret");
    return `Bearer ${(res.body as { access_token: string }).access_token}`;
  };
  return { handle, token };
}

describe("WMS simulator state", () => {
  it("expires a token after expires_in seconds", () => {
    let clock = Date.parse("2025-06-01T00:00:00Z");
    const { handle, token } = direct(createWmsSimulatorWithClock({ customers: 5, seed: 1 }, () => clock));
    const bearer = token();
    clock += 14_398_000;
    expect(handle("GET", "/Customer/All", "", { authorization: bearer }).status).toBe(200);
    clock += 2_000;
    const res = handle("GET", "/Customer/All", "", { authorization: bearer });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: "unauthorized" });
  });

  it("seeds the same customers for the same seed and size, and others for another seed", () => {
    const page = (seed: number) => {
      const { handle, token } = direct(createWmsSimulatorWithClock({ customers: 300, seed }));
      return handle("GET", "/Customer/All", "page=2&pageSize=100&sort=modified", { authorization: token() }).body;
    };
    expect(page(7)).toEqual(page(7));
    expect(page(7)).not.toEqual(page(8));
  });

  it("seeds 100,000 customers fast and answers a deep page without scanning", () => {
    const started = performance.now();
    const { handle, token } = direct(createWmsSimulatorWithClock({ customers: 100_000, seed: 42 }));
    const seedMs = performance.now() - started;
    expect(seedMs).toBeLessThan(3_000);
    const bearer = token();
    const first = handle("GET", "/Customer/All", "page=361&pageSize=250", { authorization: bearer });
    const body = first.body as Envelope;
    expect(body).toMatchObject({ totalCount: 100_000, page: 361, pageSize: 250, pageCount: 400, hasMore: true });
    expect(body.value).toHaveLength(250);
    const ids = body.value.map((c) => c.shortID);
    expect(ids).toEqual([...ids].sort());
    const deepStarted = performance.now();
    for (let page = 362; page <= 381; page++) handle("GET", "/Customer/All", `page=${page}&pageSize=250`, { authorization: bearer });
    // 20 deep pages of 250: a scan of the 100,000 per request would take far longer than this.
    expect(performance.now() - deepStarted).toBeLessThan(1_000);
    console.info(`WMS: seeded 100,000 customers in ${Math.round(seedMs)} ms`);
  });
});
