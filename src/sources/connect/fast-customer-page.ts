import { isJsonObject, isNullishMatching, isNullishText } from "../json-shape.js";
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
 * for a flat page of Connect customers, whose records are deep (billing, shipping, users, contact person). Each
 * field is read and written by name, not through a table of keys: a property read by a key that varies is a
 * megamorphic lookup, which cost about as much as zod itself.
 */
export function readCustomerPageFast(body: unknown): ConnectCustomerPage | null {
  if (!isJsonObject(body)) return null;
  const { items, pagination } = body;
  if (!Array.isArray(items) || !isJsonObject(pagination)) return null;
  const customers: ConnectCustomer[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const customer = readCustomer(items[i]);
    if (customer === NO) return null;
    customers[i] = customer;
  }
  const { nextCursor } = pagination;
  if (!isNullishText(nextCursor)) return null;
  const paging: ConnectCustomerPage["pagination"] = {};
  if (nextCursor !== undefined) paging.nextCursor = nextCursor;
  else if ("nextCursor" in pagination) return null;
  return { items: customers, pagination: paging };
}

/** GET /customers/{id}'s record, read the same way (ConnectCustomerSchema otherwise). */
export function readCustomerFast(body: unknown): ConnectCustomer | null {
  const customer = readCustomer(body);
  return customer === NO ? null : customer;
}

/**
 * Not the plain form: leave the answer to the schema. So is a key present with the value undefined (never in
 * JSON), which zod keeps and an absent key it leaves out: hence the `in` beside each absent field.
 */
const NO = Symbol("not the plain form");
type Fields = Record<string, unknown>;

/** One customer, wire.ts's keys in wire.ts's order (zod builds its answer in the schema's order). */
function readCustomer(c: unknown): ConnectCustomer | typeof NO {
  if (!isJsonObject(c)) return NO;
  const { customerId, customerType, name, identity, preferredLocale, humanReadableId, referenceId, createdAt, updatedAt } = c;
  if (typeof customerId !== "string" || customerId === "" || typeof name !== "string") return NO;
  if (!isNullishText(customerType) || !isNullishText(identity) || !isNullishText(preferredLocale) || !isNullishText(humanReadableId) || !isNullishText(referenceId)) return NO;
  if (!isNullishMatching(createdAt, CONNECT_TIMESTAMP) || !isNullishMatching(updatedAt, CONNECT_TIMESTAMP)) return NO;
  const contact = nullish(c.contact, readContact);
  const billing = nullish(c.billing, readBilling);
  const users = nullish(c.users, readUsers);
  const contactPerson = nullish(c.contactPerson, readUser);
  const shipping = nullish(c.shipping, readShipping);
  const metadata = nullish(c.metadata, readMetadata);
  if (contact === NO || billing === NO || users === NO || contactPerson === NO || shipping === NO || metadata === NO) return NO;
  const out = { customerId } as ConnectCustomer;
  if (customerType !== undefined) out.customerType = customerType; else if ("customerType" in c) return NO;
  out.name = name;
  if (contact !== undefined) out.contact = contact; else if ("contact" in c) return NO;
  if (identity !== undefined) out.identity = identity; else if ("identity" in c) return NO;
  if (preferredLocale !== undefined) out.preferredLocale = preferredLocale; else if ("preferredLocale" in c) return NO;
  if (humanReadableId !== undefined) out.humanReadableId = humanReadableId; else if ("humanReadableId" in c) return NO;
  if (referenceId !== undefined) out.referenceId = referenceId; else if ("referenceId" in c) return NO;
  if (billing !== undefined) out.billing = billing; else if ("billing" in c) return NO;
  if (users !== undefined) out.users = users; else if ("users" in c) return NO;
  if (contactPerson !== undefined) out.contactPerson = contactPerson; else if ("contactPerson" in c) return NO;
  if (shipping !== undefined) out.shipping = shipping; else if ("shipping" in c) return NO;
  if (metadata !== undefined) out.metadata = metadata; else if ("metadata" in c) return NO;
  if (createdAt !== undefined) out.createdAt = createdAt; else if ("createdAt" in c) return NO;
  if (updatedAt !== undefined) out.updatedAt = updatedAt; else if ("updatedAt" in c) return NO;
  return out;
}

function readContact(value: unknown): NonNullable<ConnectCustomer["contact"]> | typeof NO {
  if (!isJsonObject(value)) return NO;
  const { email, msisdn } = value;
  if (!isNullishText(email) || !isNullishText(msisdn)) return NO;
  const out: NonNullable<ConnectCustomer["contact"]> = {};
  if (email !== undefined) out.email = email; else if ("email" in value) return NO;
  if (msisdn !== undefined) out.msisdn = msisdn; else if ("msisdn" in value) return NO;
  return out;
}

function readBilling(b: unknown): NonNullable<ConnectCustomer["billing"]> | typeof NO {
  if (!isJsonObject(b)) return NO;
  const { method, currency, email, defaultPaymentProfileId, autoPay } = b;
  if (!isNullishText(method) || !isNullishText(currency) || !isNullishText(email) || !isNullishText(defaultPaymentProfileId)) return NO;
  if (autoPay !== undefined && autoPay !== null && typeof autoPay !== "boolean") return NO;
  const address = nullish(b.address, readAddress);
  if (address === NO) return NO;
  const out: NonNullable<ConnectCustomer["billing"]> = {};
  if (method !== undefined) out.method = method; else if ("method" in b) return NO;
  if (currency !== undefined) out.currency = currency; else if ("currency" in b) return NO;
  if (email !== undefined) out.email = email; else if ("email" in b) return NO;
  if (address !== undefined) out.address = address; else if ("address" in b) return NO;
  if (defaultPaymentProfileId !== undefined) out.defaultPaymentProfileId = defaultPaymentProfileId;
  else if ("defaultPaymentProfileId" in b) return NO;
  if (autoPay !== undefined) out.autoPay = autoPay; else if ("autoPay" in b) return NO;
  return out;
}

function readShipping(s: unknown): NonNullable<ConnectCustomer["shipping"]> | typeof NO {
  if (!isJsonObject(s)) return NO;
  const { name, msisdn, instructions } = s;
  if (!isNullishText(name) || !isNullishText(msisdn) || !isNullishText(instructions)) return NO;
  const address = nullish(s.address, readAddress);
  if (address === NO) return NO;
  const out: NonNullable<ConnectCustomer["shipping"]> = {};
  if (name !== undefined) out.name = name; else if ("name" in s) return NO;
  if (address !== undefined) out.address = address; else if ("address" in s) return NO;
  if (msisdn !== undefined) out.msisdn = msisdn; else if ("msisdn" in s) return NO;
  if (instructions !== undefined) out.instructions = instructions; else if ("instructions" in s) return NO;
  return out;
}

function readAddress(a: unknown): ConnectAddress | typeof NO {
  if (!isJsonObject(a)) return NO;
  const { street1, street2, city, zip, state, country, region, attention } = a;
  if (!isNullishText(street1) || !isNullishText(street2) || !isNullishText(city) || !isNullishText(zip)) return NO;
  if (!isNullishText(state) || !isNullishText(country) || !isNullishText(region) || !isNullishText(attention)) return NO;
  const out: ConnectAddress = {};
  if (street1 !== undefined) out.street1 = street1; else if ("street1" in a) return NO;
  if (street2 !== undefined) out.street2 = street2; else if ("street2" in a) return NO;
  if (city !== undefined) out.city = city; else if ("city" in a) return NO;
  if (zip !== undefined) out.zip = zip; else if ("zip" in a) return NO;
  if (state !== undefined) out.state = state; else if ("state" in a) return NO;
  if (country !== undefined) out.country = country; else if ("country" in a) return NO;
  if (region !== undefined) out.region = region; else if ("region" in a) return NO;
  if (attention !== undefined) out.attention = attention; else if ("attention" in a) return NO;
  return out;
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

function readUser(u: unknown): ConnectUser | typeof NO {
  if (!isJsonObject(u)) return NO;
  const { userId, name, role } = u;
  if (typeof userId !== "string" || userId === "" || typeof name !== "string" || !isNullishText(role)) return NO;
  const out: ConnectUser = { userId, name };
  if (role !== undefined) out.role = role; else if ("role" in u) return NO;
  return out;
}

/**
 * Free-form metadata, copied as zod's record does. zod refuses an object whose `constructor` is not a function
 * and drops a `__proto__` key: such metadata is left to the schema.
 */
function readMetadata(value: unknown): Fields | typeof NO {
  if (!isJsonObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return NO;
  const out: Fields = {};
  for (const key in value) {
    if (key === "__proto__" || key === "constructor") return NO;
    out[key] = value[key];
  }
  return out;
}

/** A nested object or list as zod's nullish answers it: absent (undefined) and null as they are, the rest read. */
function nullish<T>(value: unknown, read: (value: unknown) => T | typeof NO): T | null | undefined | typeof NO {
  return value === undefined || value === null ? value : read(value);
}
