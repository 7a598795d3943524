import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS } from "../../src/config.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { readCustomerFast, readCustomerPageFast } from "../../src/sources/wms/fast-customer-list.js";
import { WmsCustomerPageSchema, WmsCustomerSchema } from "../../src/sources/wms/wire.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);

/** Values WMS might send in any field, plain and odd: the readers must agree wherever the fast one answers. */
const anyValue = fc.oneof(
  fc.constantFrom("", " ", "ACME", "true", "null", "0", "1"),
  fc.constantFrom(0, 1, 2, -1, -0, 1.5, 2 ** 53, 1e21, true, false, null, undefined),
  fc.constantFrom(
    "2023-04-15T08:30:00",
    "2023-04-15T08:30:00.5",
    "2023-04-15T08:30:00Z",
    "2023-04-15T08:30:00+0200",
    "2023-04-15T08:30:00+02:00",
    "2023-04-15T08:30",
    "2023-04-15 08:30:00",
    "2023-02-30T08:30:00",
    " 2023-04-15T08:30:00",
    "2023-04-15",
  ),
  fc.string({ maxLength: 6 }),
  fc.constant({}),
  fc.constant([]),
);
const TEXTS = ["name", "address1", "address2", "city", "state", "zip", "country", "phone", "fax", "email", "contact"];
const FIELDS = ["shortID", ...TEXTS, "active", "created", "modified", "extra"];
const PAGING = ["totalCount", "page", "pageSize", "pageCount", "hasMore"];

const text = fc.oneof(fc.string({ maxLength: 8 }), fc.constant(""), fc.constant(null), fc.constant(undefined));
const datetime = fc.constantFrom("2023-04-15T08:30:00", "2024-11-02T14:22:00.25", "2024-11-02T14:22:00Z", "", null, undefined);
/** A customer in the plain form, with text fields left out, empty or null. */
const plainCustomer = fc.record(
  {
    shortID: fc.string({ minLength: 1, maxLength: 8 }),
    ...Object.fromEntries(TEXTS.map((key) => [key, text])),
    active: fc.boolean(),
    created: datetime.filter((d) => d !== ""),
    modified: datetime.filter((d) => d !== ""),
    webSite: fc.constant("a key the schema does not know"),
  },
  { requiredKeys: ["shortID", "active"] },
);
const anyRecord = fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: FIELDS.length });
/** A plain customer with one field set to any value: the odd values then meet an otherwise valid record. */
const oneOddField = fc
  .tuple(plainCustomer, fc.constantFrom(...FIELDS), anyValue)
  .map(([customer, field, value]) => ({ ...customer, [field]: value }));
const anyCustomer = fc.oneof(plainCustomer, oneOddField, anyRecord);

const plainPaging = fc.record({
  totalCount: fc.nat(),
  page: fc.integer({ min: 1, max: 1000 }),
  pageSize: fc.integer({ min: 1, max: 1000 }),
  pageCount: fc.nat(),
  hasMore: fc.boolean(),
});
const anyPaging = fc.oneof(
  plainPaging,
  fc
    .tuple(plainPaging, fc.constantFrom(...PAGING), fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, 1e21, "1", null, true, undefined))
    .map(([paging, field, value]) => ({ ...paging, [field]: value })),
);

/** Through JSON, as a vendor answer arrives: a field set to undefined is then absent, as it is on the wire. */
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("WMS's fast customer-list reader", () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ sizes: { komet: 1, rpm: 1, wms: 300, connect: 1 } });
  });
  afterAll(() => sims.close());

  it("reads the simulator's page, record for record and key for key as the schema does", async () => {
    const base = sims.baseUrls.wms;
    const { clientId, clientSecret } = SIMULATOR_CREDENTIALS.wms;
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
    const token = ((await (await fetch(`${base}/Token`, { method: "POST", body: form })).json()) as { access_token: string }).access_token;
    const res = await fetch(`${base}/Customer/All?page=1&pageSize=250`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    const fast = readCustomerPageFast(body);
    expect(fast?.value).toHaveLength(250);
    const schema = WmsCustomerPageSchema.parse(body);
    expect(fast).toStrictEqual(schema);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(schema));
  });

  it("answers only where the schema accepts, and then exactly what the schema yields, in the schema's key order", () => {
    fc.assert(
      fc.property(fc.array(anyCustomer, { maxLength: 4 }), anyPaging, (customers, paging) => {
        const body = wire({ value: customers, ...paging });
        const fast = readCustomerPageFast(body);
        if (fast === null) return;
        const schema = WmsCustomerPageSchema.safeParse(body);
        expect(schema.success).toBe(true);
        expect(fast).toStrictEqual(schema.data);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads a single customer as WmsCustomerSchema does, wherever it answers", () => {
    fc.assert(
      fc.property(anyCustomer, (customer) => {
        const body = wire(customer);
        const fast = readCustomerFast(body);
        if (fast === null) return;
        const schema = WmsCustomerSchema.safeParse(body);
        expect(schema.success).toBe(true);
        expect(fast).toStrictEqual(schema.data);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads the plain form itself, so the schema is left the odd answers only", () => {
    fc.assert(
      fc.property(fc.array(plainCustomer, { maxLength: 4 }), plainPaging, (customers, paging) => {
        expect(readCustomerPageFast(wire({ value: customers, ...paging }))).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves answers that stray from the plain form to the schema", () => {
    const plain = { shortID: "ACME", active: true };
    const paging = { totalCount: 1, page: 1, pageSize: 100, pageCount: 1, hasMore: false };
    const odd = [
      { ...plain, shortID: "" },
      { active: true },
      { ...plain, active: "true" },
      { ...plain, name: 5 },
      { ...plain, modified: "2023-04-15 08:30:00" },
      { ...plain, created: "" },
    ];
    for (const customer of odd) expect(readCustomerPageFast({ value: [customer], ...paging })).toBeNull();
    expect(readCustomerPageFast({ value: [plain], ...paging, page: 0 })).toBeNull();
    expect(readCustomerPageFast({ value: [plain], ...paging, totalCount: 1.5 })).toBeNull();
    expect(readCustomerPageFast({ value: [plain], ...paging, hasMore: undefined })).toBeNull();
    expect(readCustomerPageFast({ value: [plain], ...paging })).not.toBeNull();
  });
});
