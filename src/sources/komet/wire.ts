import { z } from "zod/v4";
import { plainUtcTime } from "../plain-utc-time.js";

/*
 * Komet's JSON as its docs show it. Numbers and booleans come as strings or as numbers, not consistently
 * ("id": "25475" beside "salesPersonId": 1819, "active": "1"), so every such field accepts both forms and is
 * normalised here; the rest of the connector sees one type per field.
 */

/*
 * The either-form fields are checked by one function each rather than a z.union: a union tries its branches in
 * turn and builds a full issue (message and all) for every branch that fails, so "25475" against
 * union(number, string) cost an issue per field per record. On a 200-customer list that was most of the parse
 * time (13 ms of it) and a fifth of the server's CPU in the bench's Komet scenario.
 */

/** An integer key, as a string or a number; normalised to its decimal string ("025475" -> "25475"). */
export const kometInteger = z.unknown().transform((v, ctx) => {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return String(v);
  const text = typeof v === "string" ? v.trim() : null;
  if (text !== null && /^\d{1,20}$/.test(text)) return text.replace(/^0+(?=\d)/, "");
  ctx.addIssue({ code: "custom", message: `expected an integer, got ${JSON.stringify(v)?.slice(0, 40)}` });
  return z.NEVER;
});

/** An integer key, or "" for none (salesPersonId). */
const kometIntegerOrEmpty = z.unknown().transform((v, ctx) => {
  if (v === "") return null;
  const parsed = kometInteger.safeParse(v);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: "custom", message: `expected an integer or "", got ${JSON.stringify(v)?.slice(0, 40)}` });
  return z.NEVER;
});

export const kometBoolean = z.unknown().transform((v, ctx) => {
  const text = typeof v === "boolean" || typeof v === "number" || typeof v === "string" ? String(v).trim().toLowerCase() : null;
  if (text === "1" || text === "true") return true;
  if (text === "0" || text === "false") return false;
  ctx.addIssue({ code: "custom", message: `expected 1, 0, true or false, got ${JSON.stringify(v)}` });
  return z.NEVER;
});

/** Optional text; Komet leaves keys out or sends "" (the doc's customerType) where there is no value. */
export const kometText = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === "" ? null : v));

/** "YYYY-MM-DDThh:mm:ss" with no zone, read as UTC (the project's choice); absent or "" is no value. */
export const kometDateTime = kometTime(false);

/** The same, or a day alone ("YYYY-MM-DD", its midnight UTC): a ship-to's `updatedAsOf` is typed a date. */
export const kometDateOrDateTime = kometTime(true);

function kometTime(dayAlone: boolean) {
  const expected = dayAlone ? "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss" : "YYYY-MM-DDThh:mm:ss";
  return z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const text = v?.trim();
      if (!text) return null;
      const date = utcDateTime(dayAlone && DAY.test(text) ? `${text}T00:00:00` : text);
      if (!date) {
        ctx.addIssue({ code: "custom", message: `expected ${expected}, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return date;
    });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * The date and time as UTC, or null when it is not one. Read field by field rather than by Date's string parser
 * and toISOString, which were 6% of the CPU of a page of Komet names in a profile (one per record); the plain
 * form every answer has (`2017-08-02T12:15:17`) digit by digit, which is a third of the regular expression's cost.
 */
export function utcDateTime(text: string): Date | null {
  const plain = plainUtcTime(text, "");
  if (plain !== undefined) return new Date(plain);
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, m[7] ? Number(m[7].padEnd(3, "0")) : 0));
  date.setUTCFullYear(year); // Date.UTC reads years 0 to 99 as 1900 to 1999
  // Date rolls "2017-02-30" over into March; a date that does not read back the same is not a date.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** Every answer's envelope: status "1" success, "0" failure with a message (the doc types it integer:1). */
export const kometEnvelope = z.object({
  status: z.union([z.string(), z.number()]),
  message: z.string().nullish(),
});

export const kometCustomer = z.object({
  id: kometInteger,
  accountingCode: kometText,
  name: z.string(),
  code: kometText,
  active: kometBoolean,
  salesPerson: kometText,
  salesPersonId: kometIntegerOrEmpty.nullish(),
  customerType: kometText,
  updatedOn: kometDateTime,
});
export type KometCustomer = z.output<typeof kometCustomer>;

export const kometCustomerList = z.object({ customers: z.array(kometCustomer) });

/**
 * customer.contact.list, as Komet's API pages publish it ("Get a list of Customer contacts"): one customer's
 * contacts (`customerId` is required, so there is no reading several customers' at once). One `name`, a `type`
 * such as Buyer or A/P, and three numbers.
 */
export const kometContact = z.object({
  id: kometInteger,
  name: kometText,
  type: kometText,
  phone: kometText,
  ext: kometText,
  mobile: kometText,
  fax: kometText,
  email: kometText,
  description: kometText,
  instantMessaging: kometText,
  emailPOD: kometBoolean.nullish(),
});
export type KometContact = z.output<typeof kometContact>;

export const kometContactList = z.object({ contacts: z.array(kometContact) });

/**
 * customer.shipto.list, as published ("Get a list of Customer Ship-To's"): the array is `shiptos`, the street is
 * one `address`, the zip `zipcode`; no default flag, and no customer id on a ship-to.
 */
export const kometShipTo = z.object({
  id: kometInteger,
  shipToCode: kometText,
  name: kometText,
  address: kometText,
  city: kometText,
  state: kometText,
  zipcode: kometText,
  country: kometText,
  phone: kometText,
  fax: kometText,
  carrierName: kometText,
  carrierCode: kometText,
  updatedAsOf: kometDateOrDateTime,
});
export type KometShipTo = z.output<typeof kometShipTo>;

export const kometShipToList = z.object({ shiptos: z.array(kometShipTo) });
