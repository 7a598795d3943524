import { isJsonObject } from "../json-shape.js";
import { isRpmDateText, type RpmCustomerSummary } from "./wire.js";

/** The Customers answer as wire.ts's `rpmAnswer(RpmCustomersResultSchema)` yields it. */
export interface RpmCustomersAnswer {
  Result: { Age?: number | null; Customers: RpmCustomerSummary[] };
}

/**
 * The Customers answer read without zod, for the plain form every answer has: a Result with an integer or null
 * Age and a list of {Customer, CustomerID, Added, Modified} with a string name, an integer id and dates wire.ts
 * reads. Anything else makes it answer null, and the caller parses the answer with the schema, which stays the
 * definition of the shape and names the field that is wrong. So this reader accepts a subset of what the schema
 * accepts and yields exactly what it yields, key for key and in its key order
 * (test/sources/rpm-fast-list.test.ts holds the two together).
 * Why: zod's per-field parse was a tenth of the CPU of a page of RPM names, and every RPM page, filter and
 * lookup by several ids reads the whole list (RPM has no paging).
 */
export function readCustomersFast(body: unknown): RpmCustomersAnswer | null {
  if (!isJsonObject(body) || !isJsonObject(body.Result)) return null;
  const { Age, Customers } = body.Result;
  if (!Array.isArray(Customers)) return null;
  if (Age !== undefined && Age !== null && !Number.isSafeInteger(Age)) return null;
  const customers: RpmCustomerSummary[] = new Array(Customers.length);
  for (let i = 0; i < Customers.length; i++) {
    const customer = readSummary(Customers[i]);
    if (customer === null) return null;
    customers[i] = customer;
  }
  return { Result: Age === undefined ? { Customers: customers } : { Age: Age as number | null, Customers: customers } };
}

function readSummary(value: unknown): RpmCustomerSummary | null {
  if (!isJsonObject(value)) return null;
  const { Customer, CustomerID, Added, Modified } = value;
  if (typeof Customer !== "string" || !Number.isSafeInteger(CustomerID)) return null;
  if (!isRpmDateText(Added) || !isRpmDateText(Modified)) return null;
  const summary: RpmCustomerSummary = { Customer, CustomerID: CustomerID as number };
  // The schema leaves a key out when RPM does, and keeps an explicit null.
  if (Added !== undefined) summary.Added = Added as string | null;
  if (Modified !== undefined) summary.Modified = Modified as string | null;
  return summary;
}
