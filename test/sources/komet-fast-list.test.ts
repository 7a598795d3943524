import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import { readCustomerListFast } from "../../src/sources/komet/fast-customer-list.js";
import { kometCustomerList } from "../../src/sources/komet/wire.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);

/** Field values Komet sends, plain and odd: each reader must agree wherever the fast one answers. */
const anyValue = fc.oneof(
  fc.constantFrom("", " ", "0", "1", "01", "007", "25475", " 12", "true", "false", "TRUE", "yes", "null", "-1", "1.5", "1e3"),
  fc.constantFrom(0, 1, 2, -1, 1.5, 1819, Number.MAX_SAFE_INTEGER, 1e21, true, false, null, undefined),
  fc.constantFrom("2017-08-02T12:15:17", "2017-08-02 12:15:17.5", "2017-02-30T00:00:00", "2017-02-01T24:00:00", " 2017-08-02T12:15:17"),
  fc.constantFrom("0099-01-01T00:00:00", "2016-02-29T23:59:59", "2017-08-02T12:15:17Z", "2017-08-02"),
  fc.string({ maxLength: 6 }),
  fc.constant({}),
  fc.constant([]),
);
const FIELDS = ["id", "accountingCode", "name", "code", "active", "salesPerson", "salesPersonId", "customerType", "updatedOn", "extra"];
const anyRecord = fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: FIELDS.length });
const plainRecord = fc.record(
  {
    id: fc.oneof(fc.nat({ max: 99999 }), fc.nat({ max: 99999 }).map(String)),
    accountingCode: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
    name: fc.string({ maxLength: 12 }),
    code: fc.option(fc.string({ maxLength: 5 })),
    active: fc.constantFrom("1", "0", true, false, "true", "false", 1, 0),
    salesPersonId: fc.oneof(fc.nat({ max: 9999 }), fc.constant(""), fc.constant(null)),
    updatedOn: fc.constantFrom("2017-08-02T12:15:17", "", "2020-01-01T00:00:00.25"),
  },
  { requiredKeys: ["id", "name", "active"] },
);

/** A plain record with one field set to any value: the odd values then meet an otherwise valid record. */
const oneOddField = fc
  .tuple(plainRecord, fc.constantFrom(...FIELDS), anyValue)
  .map(([record, field, value]) => ({ ...record, [field]: value }));

const schemaReads = (body: unknown) => {
  const parsed = kometCustomerList.safeParse(body);
  return parsed.success ? parsed.data : null;
};

describe("Komet's fast customer-list reader", () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ sizes: { komet: 200, rpm: 1, wms: 1, connect: 1 } });
  });
  afterAll(() => sims.close());

  it("reads the simulator's whole list, record for record as the schema does", async () => {
    const res = await fetch(`${sims.baseUrls.komet}/customer.list?authenticationToken=sim-komet-token&includeInactive=true`);
    const body = await res.json();
    const fast = readCustomerListFast(body);
    expect(fast?.customers).toHaveLength(200);
    expect(fast).toStrictEqual(schemaReads(body));
  });

  it("answers only where the schema accepts, and then exactly what the schema yields", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyRecord, plainRecord, oneOddField), { maxLength: 4 }), (customers) => {
        // Through JSON, as a vendor answer arrives: a field set to undefined is then absent, as it is on the wire.
        const body = JSON.parse(JSON.stringify({ status: "1", customers })) as unknown;
        const fast = readCustomerListFast(body);
        if (fast !== null) expect(fast).toStrictEqual(schemaReads(body));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads the plain form itself, so the schema is left the odd answers only", () => {
    fc.assert(
      fc.property(fc.array(plainRecord, { maxLength: 4 }), (customers) => {
        expect(readCustomerListFast({ status: "1", customers })).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves answers that stray from the plain form to the schema", () => {
    for (const odd of [{ id: "007", name: "A", active: "1" }, { id: "1", name: "A", active: "YES" }, { id: "1", active: "1" }, { id: "1", name: "A", active: "1", updatedOn: " 2017-08-02T12:15:17" }]) {
      expect(readCustomerListFast({ customers: [odd] })).toBeNull();
    }
    expect(readCustomerListFast({ customers: "none" })).toBeNull();
  });
});
