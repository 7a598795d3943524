import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRpmSimulator } from "../../src/simulators/rpm.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import type { SimRequest } from "../../src/simulators/vendor-simulator.js";

const KEY = "sim-rpm-key";
const SIZE = 120;
const LEGACY_DATE = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

// The documented keys of each object in the Customer / CustomerEdit answer (docs/vendors/rpm.md).
const CUSTOMER_KEYS = [
  "Accounts", "Added", "Age", "Aliases", "Contacts", "CustomerID", "Fields", "Locations", "Modified", "Name", "Notes",
  "NotesForStaff", "Website",
];
const CONTACT_KEYS = ["ContactID", "Email", "FirstName", "LastName", "PhoneNumbers", "Salutation", "Title"];
const PHONE_KEYS = ["Number", "PhoneNumberID", "Type"];
const LOCATION_KEYS = [
  "Added", "Address", "City", "Country", "Fields", "IsPrimary", "LocationID", "Modified", "Name", "StateProvince",
  "ZipPostalCode",
];
const ACCOUNT_KEYS = ["Account", "AccountID", "Supplier", "SupplierID"];

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  contentType: string | null;
  body: Json;
}

let sims: RunningSimulators;

beforeAll(async () => {
  sims = await startSimulators({ sizes: { rpm: SIZE, wms: 1, komet: 1, connect: 1 } });
});
afterAll(() => sims.close());
afterEach(() => sims.reset());

async function rpm(call: string, body: unknown = {}, key: string | null = KEY, method = "POST"): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers.RpmApiKey = key;
  const res = await fetch(`${sims.baseUrls.rpm}/${call}`, {
    method,
    headers,
    body: method === "POST" ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), body: text ? (JSON.parse(text) as Json) : {} };
}

/** The Result of a successful answer. */
async function result(call: string, body: unknown = {}): Promise<Json> {
  const answer = await rpm(call, body);
  expect(answer.status).toBe(200);
  const res = answer.body.Result as Json;
  expect(res.Error).toBeUndefined();
  return res;
}

async function errorOf(call: string, body: unknown, key: string | null = KEY): Promise<unknown> {
  const answer = await rpm(call, body, key);
  expect(answer.status).toBe(200);
  expect(Object.keys(answer.body)).toEqual(["Result"]);
  return (answer.body.Result as Json).Error;
}

const sorted = (o: object) => Object.keys(o).sort();

describe("RPM simulator: Customers as documented", () => {
  it("answers the whole list in one 200 with Age and only Customer, CustomerID, Added, Modified per customer", async () => {
    const answer = await rpm("Customers");
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain("application/json");
    const res = answer.body.Result as Json;
    expect(sorted(res)).toEqual(["Age", "Customers"]);
    expect(Number.isInteger(res.Age)).toBe(true);
    const customers = res.Customers as Json[];
    expect(customers).toHaveLength(SIZE);
    for (const c of customers) {
      expect(sorted(c)).toEqual(["Added", "Customer", "CustomerID", "Modified"]);
      expect(typeof c.Customer).toBe("string");
      expect(Number.isInteger(c.CustomerID)).toBe(true);
    }
  });

  it("orders customers by CustomerID, with gaps, and keeps names unique", async () => {
    const customers = (await result("Customers")).Customers as Array<{ CustomerID: number; Customer: string }>;
    const ids = customers.map((c) => c.CustomerID);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(SIZE);
    expect(ids.at(-1)! - ids[0]!).toBeGreaterThan(SIZE - 1);
    expect(new Set(customers.map((c) => c.Customer.toLowerCase())).size).toBe(SIZE);
  });

  it("sends dates in both RPM forms, the older M/D/YYYY and the newer ISO, starting with the docs' 1/20/2007", async () => {
    const customers = (await result("Customers")).Customers as Array<{ Added: string; Modified: string }>;
    const dates = customers.flatMap((c) => [c.Added, c.Modified]);
    for (const d of dates) expect(d).toMatch(new RegExp(`${LEGACY_DATE.source}|${ISO_DATE.source}`));
    expect(dates.filter((d) => LEGACY_DATE.test(d)).length).toBeGreaterThan(SIZE / 8);
    expect(dates.filter((d) => ISO_DATE.test(d)).length).toBeGreaterThan(SIZE);
    expect(customers[0]).toEqual({
      Customer: "Maple Ridge Dental Group",
      CustomerID: 1001,
      Added: "1/20/2007",
      Modified: "2024-11-02T14:22:00",
    });
  });

  it('answers "No customers" as an error when the list is empty', async () => {
    const empty = await startSimulators({ sizes: { rpm: 0, wms: 1, komet: 1, connect: 1 } });
    try {
      const res = await fetch(`${empty.baseUrls.rpm}/Customers`, { method: "POST", headers: { RpmApiKey: KEY }, body: "{}" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ Result: { Error: "No customers" } });
    } finally {
      await empty.close();
    }
  });
});

describe("RPM simulator: Customer as documented", () => {
  it("answers the documented full record, every key and type, for the first customer", async () => {
    const res = await result("Customer", { CustomerID: 1001 });
    expect(sorted(res)).toEqual(CUSTOMER_KEYS);
    expect(res).toMatchObject({
      Age: 1000,
      Added: "1/20/2007",
      Aliases: [],
      CustomerID: 1001,
      Modified: "2024-11-02T14:22:00",
      Name: "Maple Ridge Dental Group",
      Notes: [],
      NotesForStaff: [],
      Website: "https://www.mapleridgedental.example",
      Fields: [
        { Field: "Industry", Value: "Health" },
        { Field: "Credit Limit", Value: "25000" },
        { Field: "Notes", Value: "" },
      ],
      Accounts: [
        { Account: "NSW-448812", AccountID: 801, Supplier: "Northstar Wireless", SupplierID: 301 },
        { Account: "BPV-10077", AccountID: 802, Supplier: "BluePeak Voice", SupplierID: 302 },
      ],
    });
    const [primary] = res.Contacts as Array<{ Contact: Json; IsPrimary: boolean }>;
    expect(primary).toEqual({
      Contact: {
        ContactID: 501,
        Email: "dana.whitfield@mapleridgedental.example",
        FirstName: "Dana",
        LastName: "Whitfield",
        PhoneNumbers: [
          { Number: "(503) 555-0142", PhoneNumberID: 9001, Type: 1 },
          { Number: "(503) 555-0143", PhoneNumberID: 9002, Type: 3 },
        ],
        Salutation: "Dr.",
        Title: "Practice Owner",
      },
      IsPrimary: true,
    });
    expect((res.Locations as Json[])[0]).toEqual({
      Address: "1200 SW Maple Ridge Rd",
      City: "Portland",
      Country: "United States",
      IsPrimary: true,
      LocationID: 701,
      Name: "Main Clinic",
      StateProvince: "OR",
      ZipPostalCode: "97205",
      Added: "2007-01-20T09:00:00",
      Modified: "2023-03-14T16:45:10",
      Fields: [{ Field: "Dock Hours", Value: "8:00-17:00" }],
    });
  });

  it("gives faker customers the documented shapes, phone Type as the enum's numbers 1, 2, 3, 6", async () => {
    const customers = ((await result("Customers")).Customers as Array<{ CustomerID: number }>).slice(2, 40);
    const types = new Set<unknown>();
    let contacts = 0;
    let locations = 0;
    let accounts = 0;
    for (const { CustomerID } of customers) {
      const res = await result("Customer", { CustomerID });
      expect(sorted(res)).toEqual(CUSTOMER_KEYS);
      expect(typeof res.Website).toBe("string");
      for (const c of res.Contacts as Array<{ Contact: Json; IsPrimary: unknown }>) {
        contacts++;
        expect(sorted(c)).toEqual(["Contact", "IsPrimary"]);
        expect(typeof c.IsPrimary).toBe("boolean");
        expect(sorted(c.Contact)).toEqual(CONTACT_KEYS);
        for (const p of c.Contact.PhoneNumbers as Json[]) {
          expect(sorted(p)).toEqual(PHONE_KEYS);
          types.add(p.Type);
        }
      }
      for (const l of res.Locations as Json[]) {
        locations++;
        expect(sorted(l)).toEqual(LOCATION_KEYS);
        expect(l.Added).toMatch(ISO_DATE);
        expect(Number.isInteger(l.LocationID)).toBe(true);
      }
      for (const a of res.Accounts as Json[]) {
        accounts++;
        expect(sorted(a)).toEqual(ACCOUNT_KEYS);
        expect(Number.isInteger(a.SupplierID)).toBe(true);
      }
    }
    expect([...types].sort()).toEqual([1, 2, 3, 6]);
    expect(Math.min(contacts, locations, accounts)).toBeGreaterThan(10);
  });

  it("finds a customer by name, case-insensitively, and lets CustomerID win when both are given", async () => {
    expect((await result("Customer", { Customer: "quill & compass consulting" })).CustomerID).toBe(1005);
    expect((await result("Customer", { Customer: "Quill & Compass Consulting", CustomerID: 1001 })).Name).toBe(
      "Maple Ridge Dental Group",
    );
  });

  it("leaves Locations out when IncludeLocations is false", async () => {
    const res = await result("Customer", { CustomerID: 1001, IncludeLocations: false });
    expect(res).not.toHaveProperty("Locations");
    expect(res.Contacts).toHaveLength(2);
  });

  it('answers "Customer not found" for an unknown id or name and asks for one when neither is given', async () => {
    expect(await errorOf("Customer", { CustomerID: 1002 })).toBe("Customer not found");
    expect(await errorOf("Customer", { Customer: "Nobody Inc." })).toBe("Customer not found");
    expect(await errorOf("Customer", {})).toBe("Customer name or ID must be specified");
    expect(await errorOf("Customer", { CustomerID: "1001" })).toBe('Invalid value for parameter: "CustomerID"');
  });
});

describe("RPM simulator: CustomerEdit as documented", () => {
  it("changes name, website, address and fields, answers the full record, and later reads show the change", async () => {
    const before = await result("Customers");
    const res = await result("CustomerEdit", {
      Customer: {
        CustomerID: 1001,
        Name: "Maple Ridge Dental",
        Website: "https://mapleridge.example",
        Address: "1300 SW Maple Ridge Rd",
        Fields: [
          { Field: "Credit Limit", Value: "30000" },
          { Field: "Account Manager", Value: "J. Ruiz" },
        ],
      },
    });
    expect(sorted(res)).toEqual(CUSTOMER_KEYS);
    expect(res).toMatchObject({ CustomerID: 1001, Name: "Maple Ridge Dental", Website: "https://mapleridge.example" });
    expect(res.Age).toBe((before.Age as number) + 1);
    expect(res.Modified).toMatch(ISO_DATE);
    expect(res.Modified).not.toBe("2024-11-02T14:22:00");
    expect(res.Fields).toEqual([
      { Field: "Industry", Value: "Health" },
      { Field: "Credit Limit", Value: "30000" },
      { Field: "Notes", Value: "" },
      { Field: "Account Manager", Value: "J. Ruiz" },
    ]);
    const [main, west] = res.Locations as Json[];
    expect(main).toMatchObject({ IsPrimary: true, LocationID: 701, Address: "1300 SW Maple Ridge Rd" });
    expect(west).toMatchObject({ IsPrimary: false, Address: "88 Cedar Hills Blvd" });

    expect(await result("Customer", { CustomerID: 1001 })).toEqual(res);
    const after = await result("Customers");
    expect(after.Age).toBe(res.Age);
    expect((after.Customers as Json[])[0]).toEqual({
      Customer: "Maple Ridge Dental",
      CustomerID: 1001,
      Added: "1/20/2007",
      Modified: res.Modified,
    });
  });

  it("changes only the fields sent and raises Age with every edit", async () => {
    const first = await result("CustomerEdit", { Customer: { CustomerID: 1001, Website: "https://a.example" } });
    const second = await result("CustomerEdit", { Customer: { CustomerID: 1001 } });
    expect(second.Age).toBe((first.Age as number) + 1);
    expect(second).toMatchObject({ Name: "Maple Ridge Dental Group", Website: "https://a.example" });
    expect(second.Fields).toHaveLength(3);
  });

  it("creates a primary location for an Address when the customer has none", async () => {
    expect((await result("Customer", { CustomerID: 1005 })).Locations).toEqual([]);
    const res = await result("CustomerEdit", { Customer: { CustomerID: 1005, Address: "9 Quill Lane" } });
    const [location] = res.Locations as Json[];
    expect(location).toMatchObject({ IsPrimary: true, Name: "Primary", Address: "9 Quill Lane" });
    expect(Number.isInteger(location!.LocationID)).toBe(true);
    expect(location!.Added).toMatch(ISO_DATE);
  });

  it("identifies the customer by Name when no CustomerID is given, without renaming it", async () => {
    const res = await result("CustomerEdit", { Customer: { Name: "Quill & Compass Consulting", Website: "https://qc.example" } });
    expect(res).toMatchObject({ CustomerID: 1005, Name: "Quill & Compass Consulting", Website: "https://qc.example" });
  });

  it("answers each of its four documented errors with the docs' exact strings", async () => {
    expect(await errorOf("CustomerEdit", {})).toBe('Call requires parameter: "Customer" which was not found');
    expect(await errorOf("CustomerEdit", { Customer: { Website: "x" } })).toBe("Customer name or ID must be specified");
    expect(await errorOf("CustomerEdit", { Customer: { CustomerID: 1002, Website: "x" } })).toBe("Customer not found");
    expect(await errorOf("CustomerEdit", { Customer: { CustomerID: 1001, Name: "QUILL & COMPASS CONSULTING" } })).toBe(
      "A customer with that name already exists",
    );
    // A refused edit changes nothing.
    expect((await result("Customer", { CustomerID: 1001 })).Name).toBe("Maple Ridge Dental Group");
    expect((await result("Customers")).Age).toBe(1000);
  });

  it("lets a customer keep its own name in another case without a conflict", async () => {
    const res = await result("CustomerEdit", { Customer: { CustomerID: 1001, Name: "MAPLE RIDGE DENTAL GROUP" } });
    expect(res.Name).toBe("MAPLE RIDGE DENTAL GROUP");
  });
});

describe("RPM simulator: auth, routing and counting", () => {
  it("refuses a missing, an unknown and a rate-limited key with HTTP 200 and the error in Result, counting each", async () => {
    expect(await rpm("Customers", {}, null)).toMatchObject({ status: 200, body: { Result: { Error: "Valid key required" } } });
    expect(await errorOf("Customers", {}, "")).toBe("Valid key required");
    expect(await errorOf("Customer", { CustomerID: 1001 }, "not-the-key")).toMatch(/^Key not found\. /);
    const limited = await rpm("CustomerEdit", { Customer: { CustomerID: 1001, Name: "X" } }, "sim-rpm-limited");
    expect(limited).toMatchObject({ status: 200, body: { Result: { Error: { Message: "API daily limit reached" } } } });
    expect(sims.stats.snapshot().rpm).toEqual({ Customers: 2, Customer: 1, CustomerEdit: 1 });
    expect((await result("Customer", { CustomerID: 1001 })).Name).toBe("Maple Ridge Dental Group");
  });

  it("answers unknown calls with 404 without counting them, and a GET with 405, counted", async () => {
    expect((await rpm("CustomerAdd", { Name: "New" })).status).toBe(404);
    expect((await rpm("customers")).status).toBe(404);
    const get = await rpm("Customers", undefined, KEY, "GET");
    expect(get.status).toBe(405);
    expect(sims.stats.snapshot().rpm).toEqual({ Customers: 1 });
  });

  it("refuses a body that is not a JSON object inside the usual envelope", async () => {
    const res = await fetch(`${sims.baseUrls.rpm}/Customer`, { method: "POST", headers: { RpmApiKey: KEY }, body: "{oops" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ Result: { Error: "Request body is not valid JSON" } });
  });
});

describe("RPM simulator: seeding", () => {
  const request = (path: string, body: unknown): SimRequest => ({
    method: "POST",
    path,
    query: new URLSearchParams(),
    headers: { rpmapikey: KEY },
    body: JSON.stringify(body),
  });

  it("gives the same records for the same seed and size, and different ones for another seed", () => {
    const read = (seed: number) => {
      const sim = createRpmSimulator({ customers: 50, seed });
      const list = sim.handle(request("/Customers", {})).body as { Result: { Customers: Array<{ CustomerID: number }> } };
      const last = list.Result.Customers.at(-1)!.CustomerID;
      return { list, detail: sim.handle(request("/Customer", { CustomerID: last })).body };
    };
    expect(read(7)).toEqual(read(7));
    expect(read(8).list).not.toEqual(read(7).list);
  });

  it("generates a customer's detail the same whether or not other customers were read first", () => {
    const a = createRpmSimulator({ customers: 50, seed: 3 });
    const b = createRpmSimulator({ customers: 50, seed: 3 });
    const ids = (a.handle(request("/Customers", {})).body as { Result: { Customers: Array<{ CustomerID: number }> } })
      .Result.Customers.map((c) => c.CustomerID);
    for (const id of ids.slice(0, 20)) a.handle(request("/Customer", { CustomerID: id }));
    expect(a.handle(request("/Customer", { CustomerID: ids[30] }))).toEqual(b.handle(request("/Customer", { CustomerID: ids[30] })));
  });

  it("marks only CustomerEdit as a write", () => {
    const sim = createRpmSimulator({ customers: 1, seed: 1 });
    expect(sim.isWrite(request("/CustomerEdit", {}))).toBe(true);
    expect(sim.isWrite(request("/Customer", {}))).toBe(false);
    expect(sim.isWrite(request("/Customers", {}))).toBe(false);
  });

  it("seeds 100,000 customers in well under 3 seconds and serves the last one's detail", () => {
    const started = performance.now();
    const sim = createRpmSimulator({ customers: 100_000, seed: 42 });
    const seededMs = performance.now() - started;
    const list = sim.handle(request("/Customers", {})).body as { Result: { Customers: Array<{ CustomerID: number }> } };
    expect(list.Result.Customers).toHaveLength(100_000);
    const last = sim.handle(request("/Customer", { CustomerID: list.Result.Customers.at(-1)!.CustomerID })).body as {
      Result: Json;
    };
    expect(sorted(last.Result)).toEqual(CUSTOMER_KEYS);
    expect(seededMs).toBeLessThan(3_000);
  });
});
