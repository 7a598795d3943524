import { utcDateTime, type KometCustomer } from "./wire.js";

/**
 * customer.list's customers read without zod, for the plain form nearly every answer has: ids as digit strings or
 * integers, texts as strings, flags as "1"/"0"/"true"/"false" or booleans, datetimes as wire.ts reads them.
 * Anything else (a leading zero, padding, an upper-case flag, a missing name, a type out of place) makes it answer
 * null, and the caller parses the answer with wire.ts's kometCustomerList instead, which stays the definition of
 * the shape and names the field that is wrong. So this reader accepts a subset of what the schema accepts and
 * yields exactly what the schema yields for it (test/sources/komet-fast-list.test.ts holds the two together).
 * Why: zod's per-field transforms were most of the CPU of reading Komet's whole list, which every Komet page,
 * lookup by several ids and filter needs (its list is unpaginated).
 */
export function readCustomerListFast(body: unknown): { customers: KometCustomer[] } | null {
  const list = (body as { customers?: unknown } | null)?.customers;
  if (!Array.isArray(list)) return null;
  const customers: KometCustomer[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const customer = readCustomer(list[i]);
    if (!customer) return null;
    customers[i] = customer;
  }
  return { customers };
}

function readCustomer(value: unknown): KometCustomer | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const r = value as Record<string, unknown>;
  const id = integer(r.id);
  const active = flag(r.active);
  const updatedOn = dateTime(r.updatedOn);
  const accountingCode = text(r.accountingCode);
  const code = text(r.code);
  const salesPerson = text(r.salesPerson);
  const customerType = text(r.customerType);
  // The schema leaves salesPersonId out when Komet does, and reads "" as none.
  const salesPersonId = r.salesPersonId === undefined ? undefined : r.salesPersonId === null || r.salesPersonId === "" ? null : integer(r.salesPersonId);
  const name = r.name;
  if (typeof name !== "string" || id === NO || active === NO || updatedOn === NO || salesPersonId === NO) return null;
  if (accountingCode === NO || code === NO || salesPerson === NO || customerType === NO) return null;
  // The schema's keys in the schema's order, so that both readers' records are alike to the last detail.
  return salesPersonId === undefined
    ? { id, accountingCode, name, code, active, salesPerson, customerType, updatedOn }
    : { id, accountingCode, name, code, active, salesPerson, salesPersonId, customerType, updatedOn };
}

/** Not the plain form: leave the answer to the schema. */
const NO = Symbol("not the plain form");

const DIGITS = /^(?:0|[1-9]\d{0,19})$/;

function integer(v: unknown): string | typeof NO {
  if (typeof v === "string") return DIGITS.test(v) ? v : NO;
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : NO;
}

function text(v: unknown): string | null | typeof NO {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") return NO;
  return v.trim() === "" ? null : v;
}

function flag(v: unknown): boolean | typeof NO {
  if (v === "1" || v === "true" || v === true || v === 1) return true;
  if (v === "0" || v === "false" || v === false || v === 0) return false;
  return NO;
}

function dateTime(v: unknown): Date | null | typeof NO {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string" || v !== v.trim()) return NO;
  return utcDateTime(v) ?? NO;
}
