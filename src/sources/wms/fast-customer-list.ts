import { isJsonObject, isNullishMatching, isNullishText } from "../json-shape.js";
import { WMS_DATETIME, type WmsCustomer, type WmsCustomerPage } from "./wire.js";

/**
 * GET /Customer/All's page (and a single customer's record) read without zod, for the plain form every answer
 * has: a non-empty shortID, text fields as strings or null, `active` a boolean, datetimes in WMS_DATETIME, the
 * paging numbers whole and in range. Anything else (a wrong type, a missing shortID, an odd datetime) makes it
 * answer null, and the caller parses the answer with wire.ts's schemas instead, which stay the definition of the
 * shape and name the field that is wrong. So this reader accepts a subset of what the schemas accept and yields
 * exactly what they yield, key for key and in their key order (test/sources/wms-fast-list.test.ts holds the
 * readers together).
 * Why: zod's per-field parse was most of what reading a page of 100 cost, on the path of every WMS page.
 */
export function readCustomerPageFast(body: unknown): WmsCustomerPage | null {
  if (!isJsonObject(body) || !Array.isArray(body.value)) return null;
  const { value, totalCount, page, pageSize, pageCount, hasMore } = body;
  if (!count(totalCount) || !count(pageCount) || !count(page) || page === 0 || !count(pageSize) || pageSize === 0) return null;
  if (typeof hasMore !== "boolean") return null;
  const customers: WmsCustomer[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const customer = readCustomerFast(value[i]);
    if (customer === null) return null;
    customers[i] = customer;
  }
  return { value: customers, totalCount, page, pageSize, pageCount, hasMore };
}

/**
 * One customer, wire.ts's keys in wire.ts's order (zod builds its answer in the schema's order). Each field is
 * read and written by name: a loop over a table of keys makes every read a megamorphic lookup. A key present with
 * the value undefined (never in JSON), which zod keeps where it leaves an absent one out, is left to the schema.
 */
export function readCustomerFast(c: unknown): WmsCustomer | null {
  if (!isJsonObject(c)) return null;
  const { shortID, name, address1, address2, city, state, zip, country, phone, fax, email, contact, active, created, modified } = c;
  if (typeof shortID !== "string" || shortID === "" || typeof active !== "boolean") return null;
  if (!isNullishText(name) || !isNullishText(address1) || !isNullishText(address2) || !isNullishText(city) || !isNullishText(state) || !isNullishText(zip)) return null;
  if (!isNullishText(country) || !isNullishText(phone) || !isNullishText(fax) || !isNullishText(email) || !isNullishText(contact)) return null;
  if (!isNullishMatching(created, WMS_DATETIME) || !isNullishMatching(modified, WMS_DATETIME)) return null;
  const out = { shortID } as WmsCustomer;
  if (name !== undefined) out.name = name; else if ("name" in c) return null;
  if (address1 !== undefined) out.address1 = address1; else if ("address1" in c) return null;
  if (address2 !== undefined) out.address2 = address2; else if ("address2" in c) return null;
  if (city !== undefined) out.city = city; else if ("city" in c) return null;
  if (state !== undefined) out.state = state; else if ("state" in c) return null;
  if (zip !== undefined) out.zip = zip; else if ("zip" in c) return null;
  if (country !== undefined) out.country = country; else if ("country" in c) return null;
  if (phone !== undefined) out.phone = phone; else if ("phone" in c) return null;
  if (fax !== undefined) out.fax = fax; else if ("fax" in c) return null;
  if (email !== undefined) out.email = email; else if ("email" in c) return null;
  if (contact !== undefined) out.contact = contact; else if ("contact" in c) return null;
  out.active = active;
  if (created !== undefined) out.created = created; else if ("created" in c) return null;
  if (modified !== undefined) out.modified = modified; else if ("modified" in c) return null;
  return out;
}

/** A whole number >= 0 that zod's int() takes (it stops at the safe integers). */
function count(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}
