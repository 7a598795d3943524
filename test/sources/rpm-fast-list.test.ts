import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { readCustomersFast } from "../../src/sources/rpm/fast-customer-list.js";
import { RpmCustomersResultSchema, rpmAnswer } from "../../src/sources/rpm/wire.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);
const CustomersAnswer = rpmAnswer(RpmCustomersResultSchema);

/** Field values RPM sends, plain and odd: each reader must agree wherever the fast one answers. */
const anyValue = fc.oneof(
  fc.constantFrom("", " ", "Acme", "1/20/2007", "2/30/2020", "1/20/2007 3:04:05 PM", "13:00 PM", "2020-01-02T03:04:05Z"),
  fc.constantFrom("2020-01-02", " 2020-01-02 ", "2020-13-01", "yesterday", "0099-01-01", "12/31/1999 12:00 AM"),
  fc.constantFrom(0, 1, -1, 1.5, 7105, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, true, false, null, undefined),
  fc.string({ maxLength: 6 }),
  fc.constant({}),
  fc.constant([]),
);
const FIELDS = ["Customer", "CustomerID", "Added", "Modified", "Extra"];
const anyRecord = fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: FIELDS.length });
const plainRecord = fc.record(
  {
    Customer: fc.string({ maxLength: 12 }),
    CustomerID: fc.nat({ max: 99999 }),
    Added: fc.option(fc.constantFrom("1/20/2007", "2019-05-06T07:08:09", "", "4/1/2021 11:59:00 PM"), { nil: undefined }),
    Modified: fc.option(fc.constantFrom("2020-01-02T03:04:05.123Z", "12/31/1999", "2024-02-29 10:00"), { nil: undefined }),
  },
  { requiredKeys: ["Customer", "CustomerID"] },
);
const oneOddField = fc
  .tuple(plainRecord, fc.constantFrom(...FIELDS), anyValue)
  .map(([record, field, value]) => ({ ...record, [field]: value }));
const anyAge = fc.oneof(fc.constant(undefined), fc.constant(null), fc.nat({ max: 9999 }), anyValue);

const schemaReads = (body: unknown) => {
  const parsed = CustomersAnswer.safeParse(body);
  return parsed.success ? parsed.data : null;
};

describe("RPM's fast Customers reader", () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ sizes: { rpm: 120, komet: 1, wms: 1, connect: 1 } });
  });
  afterAll(() => sims.close());

  it("reads the simulator's whole list, both date forms included, record for record as the schema does", async () => {
    const res = await fetch(`${sims.baseUrls.rpm}/Customers`, { method: "POST", headers: { RpmApiKey: "sim-rpm-key", "content-type": "application/json" }, body: "{}" });
    const body = (await res.json()) as { Result: { Customers: Array<{ Added: string }> } };
    expect(body.Result.Customers.some((c) => c.Added.includes("/"))).toBe(true);
    const fast = readCustomersFast(body);
    expect(fast?.Result.Customers).toHaveLength(120);
    expect(fast).toStrictEqual(schemaReads(body));
  });

  it("answers only where the schema accepts, and then exactly what the schema yields", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyRecord, plainRecord, oneOddField), { maxLength: 4 }), anyAge, (customers, age) => {
        // Through JSON, as a vendor answer arrives: a field set to undefined is then absent, as it is on the wire.
        const body = JSON.parse(JSON.stringify({ Result: { Age: age, Customers: customers } })) as unknown;
        const fast = readCustomersFast(body);
        if (fast !== null) expect(fast).toStrictEqual(schemaReads(body));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads the plain form itself, so the schema is left the odd answers only", () => {
    fc.assert(
      fc.property(fc.array(plainRecord, { maxLength: 4 }), fc.option(fc.nat({ max: 9999 })), (customers, age) => {
        const body = JSON.parse(JSON.stringify({ Result: { Age: age, Customers: customers } })) as unknown;
        expect(readCustomersFast(body)).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves answers that stray from the plain form to the schema, which names the field", () => {
    const odd = [
      { Customer: "A", CustomerID: "7" },
      { Customer: "A", CustomerID: 1.5 },
      { CustomerID: 7 },
      { Customer: "A", CustomerID: 7, Added: "2/30/2020" },
      { Customer: "A", CustomerID: 7, Modified: 20200101 },
    ];
    for (const record of odd) {
      const body = { Result: { Customers: [record] } };
      expect(readCustomersFast(body)).toBeNull();
      expect(CustomersAnswer.safeParse(body).success).toBe(false);
    }
    expect(readCustomersFast({ Result: { Customers: "none" } })).toBeNull();
    expect(readCustomersFast({ Result: { Age: "3", Customers: [] } })).toBeNull();
  });
});
