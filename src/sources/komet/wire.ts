import { z } from "zod/v4";

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
export const kometDateTime = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v == null || v.trim() === "") return null;
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(v.trim());
    const date = m ? new Date(`${m[1]}T${m[2]}Z`) : null;
    // Date rolls "2017-02-30" over into March; a date that does not read back the same is not a date.
    if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== m[1]) {
      ctx.addIssue({ code: "custom", message: `expected YYYY-MM-DDThh:mm:ss, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return date;
  });

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

/** customer.contact.list is not in the published doc; this is the shape the project settled on. */
export const kometContact = z.object({
  id: kometInteger,
  firstName: kometText,
  lastName: kometText,
  email: kometText,
  phone: kometText,
  title: kometText,
  isPrimary: kometBoolean.nullish(),
});
export type KometContact = z.output<typeof kometContact>;

export const kometContactList = z.object({ contacts: z.array(kometContact) });

/** customer.shipto.list is not in the published doc; this is the shape the project settled on. */
export const kometShipTo = z.object({
  id: kometInteger,
  name: kometText,
  address1: kometText,
  address2: kometText,
  city: kometText,
  state: kometText,
  zipCode: kometText,
  country: kometText,
  isDefault: kometBoolean.nullish(),
});
export type KometShipTo = z.output<typeof kometShipTo>;

export const kometShipToList = z.object({ shipTos: z.array(kometShipTo) });
