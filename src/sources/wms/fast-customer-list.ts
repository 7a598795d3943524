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
  if (!isObject(body) || !Array.isArray(body.value)) return null;
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

/** One customer, wire.ts's keys in wire.ts's order (zod builds its answer in the schema's order). */
export function readCustomerFast(body: unknown): WmsCustomer | null {
  if (!isObject(body)) return null;
  const { shortID, active } = body;
  if (typeof shortID !== "string" || shortID === "" || typeof active !== "boolean") return null;
  const out: Record<string, unknown> = { shortID };
  for (const key of TEXTS) {
    const v = body[key];
    if (typeof v === "string" || v === null) out[key] = v;
    else if (!absent(body, key, v)) return null;
  }
  out.active = active;
  for (const key of DATETIMES) {
    const v = body[key];
    if (v === null || (typeof v === "string" && WMS_DATETIME.test(v))) out[key] = v;
    else if (!absent(body, key, v)) return null;
  }
  return out as WmsCustomer;
}

/** wire.ts's optional text fields, in its order between shortID and active. */
const TEXTS = ["name", "address1", "address2", "city", "state", "zip", "country", "phone", "fax", "email", "contact"] as const;
const DATETIMES = ["created", "modified"] as const;

/** Left out, which zod leaves out too; a key present as undefined (never in JSON) is left to the schema. */
function absent(from: Record<string, unknown>, key: string, v: unknown): boolean {
  return v === undefined && !(key in from);
}

/** A whole number >= 0 that zod's int() takes (it stops at the safe integers). */
function count(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
