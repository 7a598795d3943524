import { CONNECT_TIMESTAMP, type ConnectAddress, type ConnectCustomer, type ConnectCustomerPage, type ConnectUser } from "./wire.js";

/**
 * GET /customers's page read without zod, for the plain form every answer has: objects where wire.ts has objects,
 * strings, booleans and nulls where it has them, timestamps in the very pattern its schema checks. Anything else
 * (a wrong type, an empty customerId, a missing name, a metadata object zod would not take) makes it answer null,
 * and the caller parses the answer with wire.ts's ConnectCustomerPageSchema instead, which stays the definition
 * of the shape and names the field that is wrong. So this reader accepts a subset of what the schema accepts and
 * yields exactly what the schema yields for it, key for key and in the schema's key order
 * (test/sources/connect-fast-page.test.ts holds the two together).
 * Why: zod's per-field parse (a result object per field, per nested object) was the largest part of our own CPU
 * for a flat page of Connect customers, whose records are deep (billing, shipping, users, contact person).
 */
export function readCustomerPageFast(body: unknown): ConnectCustomerPage | null {
  if (!isObject(body)) return null;
  const items = body.items;
  const pagination = body.pagination;
  if (!Array.isArray(items) || !isObject(pagination)) return null;
  const customers: ConnectCustomer[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const customer = readCustomer(items[i]);
    if (customer === NO) return null;
    customers[i] = customer;
  }
  const paging: ConnectCustomerPage["pagination"] = {};
  if (!optional(paging, pagination, "nextCursor", string)) return null;
  return { items: customers, pagination: paging };
}

/** GET /customers/{id}'s record, read the same way (ConnectCustomerSchema otherwise). */
export function readCustomerFast(body: unknown): ConnectCustomer | null {
  const customer = readCustomer(body);
  return customer === NO ? null : customer;
}

/** Not the plain form: leave the answer to the schema. */
const NO = Symbol("not the plain form");
type Read<T> = (value: unknown) => T | typeof NO;
type Fields = Record<string, unknown>;

/** One customer, wire.ts's keys in wire.ts's order (zod builds its answer in the schema's order). */
function readCustomer(value: unknown): ConnectCustomer | typeof NO {
  if (!isObject(value)) return NO;
  const { customerId, name } = value;
  if (typeof customerId !== "string" || customerId === "" || typeof name !== "string") return NO;
  const out: Fields = { customerId };
  if (!optional(out, value, "customerType", string)) return NO;
  out.name = name;
  const plain =
    optional(out, value, "contact", readContact) &&
    optional(out, value, "identity", string) &&
    optional(out, value, "preferredLocale", string) &&
    optional(out, value, "humanReadableId", string) &&
    optional(out, value, "referenceId", string) &&
    optional(out, value, "billing", readBilling) &&
    optional(out, value, "users", readUsers) &&
    optional(out, value, "contactPerson", readUser) &&
    optional(out, value, "shipping", readShipping) &&
    optional(out, value, "metadata", readMetadata) &&
    optional(out, value, "createdAt", timestamp) &&
    optional(out, value, "updatedAt", timestamp);
  return plain ? (out as ConnectCustomer) : NO;
}

function readContact(value: unknown): Fields | typeof NO {
  if (!isObject(value)) return NO;
  const out: Fields = {};
  return optional(out, value, "email", string) && optional(out, value, "msisdn", string) ? out : NO;
}

function readBilling(value: unknown): Fields | typeof NO {
  if (!isObject(value)) return NO;
  const out: Fields = {};
  const plain =
    optional(out, value, "method", string) &&
    optional(out, value, "currency", string) &&
    optional(out, value, "email", string) &&
    optional(out, value, "address", readAddress) &&
    optional(out, value, "defaultPaymentProfileId", string) &&
    optional(out, value, "autoPay", boolean);
  return plain ? out : NO;
}

function readShipping(value: unknown): Fields | typeof NO {
  if (!isObject(value)) return NO;
  const out: Fields = {};
  const plain =
    optional(out, value, "name", string) &&
    optional(out, value, "address", readAddress) &&
    optional(out, value, "msisdn", string) &&
    optional(out, value, "instructions", string);
  return plain ? out : NO;
}

function readAddress(value: unknown): ConnectAddress | typeof NO {
  if (!isObject(value)) return NO;
  const out: Fields = {};
  const plain =
    optional(out, value, "street1", string) &&
    optional(out, value, "street2", string) &&
    optional(out, value, "city", string) &&
    optional(out, value, "zip", string) &&
    optional(out, value, "state", string) &&
    optional(out, value, "country", string) &&
    optional(out, value, "region", string) &&
    optional(out, value, "attention", string);
  return plain ? (out as ConnectAddress) : NO;
}

function readUsers(value: unknown): ConnectUser[] | typeof NO {
  if (!Array.isArray(value)) return NO;
  const users: ConnectUser[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const user = readUser(value[i]);
    if (user === NO) return NO;
    users[i] = user;
  }
  return users;
}

function readUser(value: unknown): ConnectUser | typeof NO {
  if (!isObject(value)) return NO;
  const { userId, name } = value;
  if (typeof userId !== "string" || userId === "" || typeof name !== "string") return NO;
  const out: Fields = { userId, name };
  return optional(out, value, "role", string) ? (out as ConnectUser) : NO;
}

/**
 * Free-form metadata, copied as zod's record does. zod refuses an object whose `constructor` is not a function
 * and drops a `__proto__` key: such metadata is left to the schema.
 */
function readMetadata(value: unknown): Fields | typeof NO {
  if (!isObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return NO;
  const out: Fields = {};
  for (const key in value) {
    if (key === "__proto__" || key === "constructor") return NO;
    out[key] = value[key];
  }
  return out;
}

/**
 * A nullish field as zod's object answers it: absent stays absent, null stays null, anything else is read.
 * A key present with the value undefined (never in JSON) is left to the schema.
 */
function optional<T>(out: Fields, from: Fields, key: string, read: Read<T>): boolean {
  const value = from[key];
  if (value === undefined) return !(key in from);
  if (value === null) {
    out[key] = null;
    return true;
  }
  const got = read(value);
  if (got === NO) return false;
  out[key] = got;
  return true;
}

const string: Read<string> = (v) => (typeof v === "string" ? v : NO);
const boolean: Read<boolean> = (v) => (typeof v === "boolean" ? v : NO);
const timestamp: Read<string> = (v) => (typeof v === "string" && CONNECT_TIMESTAMP.test(v) ? v : NO);

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
