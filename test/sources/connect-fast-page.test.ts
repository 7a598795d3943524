import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { readCustomerFast, readCustomerPageFast } from "../../src/sources/connect/fast-customer-page.js";
import { ConnectCustomerPageSchema, ConnectCustomerSchema } from "../../src/sources/connect/wire.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);

/** Values Connect might send in any field, plain and odd: the readers must agree wherever the fast one answers. */
const anyLeaf = fc.oneof(
  fc.constantFrom("", " ", "x", "CONSUMER", "0", "true", "null", "__proto__", "constructor"),
  fc.constantFrom(0, 1, -1, 1.5, true, false, null, undefined),
  fc.constantFrom(
    "2019-01-01T08:00:00Z",
    "2019-01-01T08:00:00.123Z",
    "2019-01-01T08:00Z",
    "2019-01-01T08:00:00+02:00",
    "2019-01-01T08:00:00+0200",
    "2019-01-01T08:00:00",
    "2019-02-29T08:00:00Z",
    "2020-02-29T08:00:00Z",
    "2019-13-01T08:00:00Z",
    "2019-01-01 08:00:00Z",
    " 2019-01-01T08:00:00Z",
    "2019-01-01",
  ),
  fc.string({ maxLength: 6 }),
);
const anyValue = fc.oneof(anyLeaf, fc.constant({}), fc.constant([]), fc.constant({ a: 1 }), fc.constant([{}]));

/** An object with some of the given keys (and a stray one), each set to any value: wrong types, nulls, gaps. */
const anyObjectOf = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys, "extra"), anyValue, { maxKeys: keys.length + 1 });

const ADDRESS = ["street1", "street2", "city", "zip", "state", "country", "region", "attention"];
const USER = ["userId", "name", "role"];
const CONTACT = ["email", "msisdn"];
const BILLING = ["method", "currency", "email", "address", "defaultPaymentProfileId", "autoPay"];
const SHIPPING = ["name", "address", "msisdn", "instructions"];
const CUSTOMER = [
  "customerId", "customerType", "name", "contact", "identity", "preferredLocale", "humanReadableId", "referenceId",
  "billing", "users", "contactPerson", "shipping", "metadata", "createdAt", "updatedAt",
];

const text = fc.option(fc.string({ maxLength: 8 }), { nil: undefined });
const nullishText = fc.oneof(text, fc.constant(null));
const address = fc.record(Object.fromEntries(ADDRESS.map((key) => [key, nullishText])), { requiredKeys: [] });
const user = fc.record(
  { userId: fc.string({ minLength: 1, maxLength: 6 }), name: fc.string({ maxLength: 6 }), role: nullishText, extra: fc.constant(1) },
  { requiredKeys: ["userId", "name"] },
);
/** Ordinary keys, and integer-like ones, which objects list first. */
const metadataKey = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("toString", "10", "2"));
/** Keys zod's record treats specially (it drops the one and refuses an object whose constructor is not a function). */
const oddMetadataKey = fc.oneof(metadataKey, fc.constantFrom("__proto__", "constructor"));
const timestamp = fc.constantFrom("2019-01-01T08:00:00Z", "2024-03-18T14:05:09.5Z", "2020-02-29T23:59:59+01:00", null);
/** A customer in the plain form, with fields left out or null, key order shuffled by JSON's own insertion order. */
const plainCustomer = fc.record(
  {
    customerId: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.string({ maxLength: 8 }),
    customerType: nullishText,
    contact: fc.option(fc.record({ email: nullishText, msisdn: nullishText }, { requiredKeys: [] })),
    identity: nullishText,
    preferredLocale: nullishText,
    humanReadableId: nullishText,
    referenceId: nullishText,
    billing: fc.option(
      fc.record(
        { method: nullishText, currency: nullishText, email: nullishText, address: fc.option(address), defaultPaymentProfileId: nullishText, autoPay: fc.option(fc.boolean()) },
        { requiredKeys: [] },
      ),
    ),
    users: fc.option(fc.array(user, { maxLength: 3 })),
    contactPerson: fc.option(user),
    shipping: fc.option(fc.record({ name: nullishText, address: fc.option(address), msisdn: nullishText, instructions: nullishText }, { requiredKeys: [] })),
    metadata: fc.option(fc.dictionary(metadataKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
    createdAt: timestamp,
    updatedAt: timestamp,
    identityNumberExtra: fc.constant("a key the schema does not know"),
  },
  { requiredKeys: ["customerId", "name"] },
);

/** Each nested object of a customer with the keys its schema has, to find a field anywhere in the record. */
const KEYS_OF: Record<string, string[]> = { contact: CONTACT, billing: BILLING, shipping: SHIPPING, contactPerson: USER, address: ADDRESS };
function objectsIn(customer: Record<string, unknown>): Array<[Record<string, unknown>, string[]]> {
  const found: Array<[Record<string, unknown>, string[]]> = [[customer, CUSTOMER]];
  const visit = (value: unknown, keys: string[] | undefined) => {
    if (!keys || value === null || typeof value !== "object" || Array.isArray(value)) return;
    found.push([value as Record<string, unknown>, keys]);
    for (const [key, inner] of Object.entries(value)) visit(inner, KEYS_OF[key]);
  };
  for (const [key, value] of Object.entries(customer)) visit(value, KEYS_OF[key]);
  for (const user of Array.isArray(customer.users) ? customer.users : []) visit(user, USER);
  return found;
}
/** A plain customer with one field anywhere in it (present or not) set to any value: one oddity at a time. */
const oneOddField = fc.tuple(plainCustomer, fc.nat(), fc.nat(), anyValue).map(([plain, which, field, value]) => {
  const customer = structuredClone(plain) as Record<string, unknown>;
  const objects = objectsIn(customer);
  const [object, keys] = objects[which % objects.length]!;
  object[keys[field % keys.length]!] = value;
  return customer;
});
/** Odd nested objects: each with any of its keys set to any value. */
const oddNesting = fc
  .tuple(plainCustomer, anyObjectOf(ADDRESS), anyObjectOf(USER), anyObjectOf(CONTACT), anyObjectOf(BILLING), anyObjectOf(SHIPPING))
  .map(([customer, addr, usr, contact, billing, shipping]) => ({
    ...customer,
    contact,
    billing: { ...billing, address: addr },
    shipping,
    contactPerson: usr,
    users: [usr],
  }));
const oddMetadata = fc
  .tuple(plainCustomer, fc.dictionary(oddMetadataKey, anyValue, { maxKeys: 3 }))
  .map(([customer, metadata]) => ({ ...customer, metadata }));
const anyCustomer = fc.oneof(plainCustomer, { arbitrary: oneOddField, weight: 4 }, oddNesting, oddMetadata, anyObjectOf(CUSTOMER));

const pagination = fc.oneof(
  fc.record({ nextCursor: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }) }, { requiredKeys: [] }),
  fc.record({ nextCursor: fc.constantFrom(null, 1, {}) }),
  fc.constantFrom(null, "x", []),
);

/** Through JSON, as a vendor answer arrives: a field set to undefined is then absent, as it is on the wire. */
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

const schemaReads = (body: unknown) => {
  const parsed = ConnectCustomerPageSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
};

describe("Connect's fast customer-page reader", () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ sizes: { komet: 1, rpm: 1, wms: 1, connect: 150 } });
  });
  afterAll(() => sims.close());

  it("reads the simulator's pages, record for record and key for key as the schema does", async () => {
    const res = await fetch(`${sims.baseUrls.connect}/customers?limit=150`, { headers: { "X-API-Key": "sim-connect-key" } });
    const body = await res.json();
    const fast = readCustomerPageFast(body);
    expect(fast?.items).toHaveLength(150);
    expect(fast).toStrictEqual(schemaReads(body));
    fast!.items.forEach((customer, i) => expect(JSON.stringify(customer)).toBe(JSON.stringify(schemaReads(body)!.items[i])));
  });

  it("answers only where the schema accepts, and then exactly what the schema yields, in the schema's key order", () => {
    fc.assert(
      fc.property(fc.array(anyCustomer, { maxLength: 3 }), pagination, (items, paging) => {
        const body = wire({ items, pagination: paging, total: 3 });
        const fast = readCustomerPageFast(body);
        if (fast === null) return;
        const schema = schemaReads(body);
        expect(fast).toStrictEqual(schema);
        // toStrictEqual ignores key order; metadata becomes custom fields in its own order, so compare it too.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads a single customer as ConnectCustomerSchema does, wherever it answers", () => {
    fc.assert(
      fc.property(anyCustomer, (customer) => {
        const body = wire(customer);
        const fast = readCustomerFast(body);
        if (fast === null) return;
        const schema = ConnectCustomerSchema.safeParse(body);
        expect(schema.success).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
        expect(fast).toStrictEqual(schema.data);
      }),
      { numRuns: RUNS },
    );
  });

  it("reads the plain form itself, so the schema is left the odd answers only", () => {
    fc.assert(
      fc.property(fc.array(plainCustomer, { maxLength: 3 }), (items) => {
        expect(readCustomerPageFast(wire({ items, pagination: { nextCursor: null } }))).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves answers that stray from the plain form to the schema", () => {
    const plain = { customerId: "c1", name: "A" };
    const odd = [
      { ...plain, customerId: "" },
      { customerId: "c1" },
      { ...plain, createdAt: "2019-01-01T08:00:00" },
      { ...plain, createdAt: "2019-02-29T08:00:00Z" },
      { ...plain, billing: { autoPay: "true" } },
      { ...plain, users: [{ userId: "u1" }] },
      { ...plain, metadata: { constructor: "x" } },
      { ...plain, metadata: [] },
      { ...plain, metadata: JSON.parse('{"__proto__": {"a": 1}}') as unknown },
      { ...plain, contact: "a@b.c" },
    ];
    for (const customer of odd) expect(readCustomerPageFast({ items: [customer], pagination: {} })).toBeNull();
    expect(readCustomerPageFast({ items: [plain] })).toBeNull();
    expect(readCustomerPageFast({ items: [plain], pagination: { nextCursor: 5 } })).toBeNull();
    expect(readCustomerPageFast({ items: [plain], pagination: {} })).not.toBeNull();
  });
});
