import { z } from "zod/v4";
import { isJsonObject } from "../json-shape.js";
import { BoundedMemo } from "../../bounded-memo.js";
import { daysInMonth } from "../plain-utc-time.js";

/**
 * RPM's JSON as its docs show it (docs/vendors/rpm.md).
 * Keys RPM may leave out on some deployments are `nullish`; the keys a record cannot be read without (ids,
 * names) are required, so an answer without them is UPSTREAM_BAD_RESPONSE rather than a half-empty record.
 */

const LEGACY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads an RPM date. Older deployments send `1/20/2007` (M/D/YYYY, sometimes with a `3:04:05 PM` time), newer
 * ones ISO-8601; a value without a zone is read as UTC, the project's rule for zone-less vendor times.
 * Returns undefined for text that is neither, including impossible dates such as 2/30/2020.
 */
export function parseRpmDate(text: string): Date | undefined {
  // No date is longer; a longer text is read but not kept, so an odd answer cannot fill the memo with megabytes.
  let ms = text.length > MAX_DATE_TEXT ? rpmDateMs(text) : datesRead.get(text);
  if (ms === undefined) ms = datesRead.set(text, rpmDateMs(text));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const MAX_DATE_TEXT = 40;

/**
 * Dates read, by their text (NaN: unreadable). A list's dates are read twice, by its check and by the mapping,
 * and the same list again on every read of it: two regular expressions per date were a tenth of the CPU of a page
 * of RPM names. The dates of 10,000 customers fit.
 */
const datesRead = new BoundedMemo<string, number>(20_000);

function rpmDateMs(text: string): number {
  const value = text.trim();
  const legacy = LEGACY_DATE.exec(value);
  if (legacy) {
    let h = orZero(legacy[4]);
    const meridiem = legacy[7];
    if (meridiem) {
      if (h < 1 || h > 12) return NaN;
      h = (h % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
    }
    return utc(Number(legacy[3]), Number(legacy[1]), Number(legacy[2]), h, orZero(legacy[5]), orZero(legacy[6]), 0, 0);
  }
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const ms = iso[7] === undefined ? 0 : Number(iso[7].padEnd(3, "0").slice(0, 3));
    return utc(Number(iso[1]), Number(iso[2]), Number(iso[3]), orZero(iso[4]), orZero(iso[5]), orZero(iso[6]), ms, offsetMinutes(iso[8] ?? "Z"));
  }
  return NaN;
}

const orZero = (digits: string | undefined) => (digits === undefined ? 0 : Number(digits));

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** The instant the parts name, in ms since the epoch, or NaN when they name no date (numbers, not an object of parts). */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): number {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
  // Date.UTC would roll 2/30 over into March: a day past its month's end is no date. Date.UTC reads years 0 to
  // 99 as 1900 to 1999, so their leap years are those.
  if (d > daysInMonth(y <= 99 ? 1900 + y : y, mo)) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
}

/** Whether a date field is one rpmDate takes: absent, null, blank (no date), or a readable date. */
export function isRpmDateText(text: unknown): boolean {
  if (text === undefined || text === null) return true;
  return typeof text === "string" && (text.trim() === "" || parseRpmDate(text) !== undefined);
}

/**
 * A date field, checked here so that an unreadable date is a bad answer; map.ts turns it into a Date (the base
 * client's `parse` keeps the wire types, so no transform here). Empty or absent means no date.
 */
const rpmDate = z
  .string()
  .nullish()
  .superRefine((text, ctx) => {
    if (isRpmDateText(text)) return;
    ctx.addIssue({ code: "custom", message: `unreadable date ${JSON.stringify(String(text).slice(0, 40))}` });
  });

const text = z.string().nullish();
const id = z.number().int();

/** `{"Field": ..., "Value": ...}`: custom fields of customers and locations. */
export const RpmFieldSchema = z.object({ Field: z.string(), Value: text });

/** One customer in the Customers list: only these four fields come with the list. */
export const RpmCustomerSummarySchema = z.object({
  Customer: z.string(),
  CustomerID: id,
  Added: rpmDate,
  Modified: rpmDate,
});
export type RpmCustomerSummary = z.output<typeof RpmCustomerSummarySchema>;

/** The Customers answer's Result. `Age` is the list's change stamp (since RPM16). */
export const RpmCustomersResultSchema = z.object({
  Age: id.nullish(),
  Customers: z.array(RpmCustomerSummarySchema),
});

/** Phone Type is an enum: Business=1, Home=2, Fax=3, Other=6; its name is accepted too, should a deployment send it. */
export const RpmPhoneNumberSchema = z.object({
  Number: z.string(),
  PhoneNumberID: id.nullish(),
  Type: z.union([z.number().int(), z.string()]).nullish(),
});

export const RpmContactSchema = z.object({
  Contact: z.object({
    ContactID: id,
    Email: text,
    FirstName: text,
    LastName: text,
    PhoneNumbers: z.array(RpmPhoneNumberSchema).nullish(),
    Salutation: text,
    Title: text,
  }),
  IsPrimary: z.boolean().nullish(),
});

export const RpmLocationSchema = z.object({
  // The docs print `<Date>` for Address, a typo: it is the street address.
  Address: text,
  City: text,
  Country: text,
  IsPrimary: z.boolean().nullish(),
  LocationID: id,
  Name: text,
  StateProvince: text,
  ZipPostalCode: text,
  Added: rpmDate,
  Modified: rpmDate,
  Fields: z.array(RpmFieldSchema).nullish(),
});

export const RpmAccountSchema = z.object({
  Account: z.string(),
  AccountID: id,
  Supplier: text,
  SupplierID: id.nullish(),
});

/** The Customer and CustomerEdit answers' Result: the full record. Locations is absent when suppressed. */
export const RpmCustomerDetailSchema = z.object({
  Age: id.nullish(),
  Accounts: z.array(RpmAccountSchema).nullish(),
  Added: rpmDate,
  Contacts: z.array(RpmContactSchema).nullish(),
  CustomerID: id,
  Fields: z.array(RpmFieldSchema).nullish(),
  Locations: z.array(RpmLocationSchema).nullish(),
  Modified: rpmDate,
  Name: z.string(),
  Website: text,
});
export type RpmCustomerDetail = z.output<typeof RpmCustomerDetailSchema>;
export type RpmContact = z.output<typeof RpmContactSchema>;
export type RpmLocation = z.output<typeof RpmLocationSchema>;
export type RpmAccount = z.output<typeof RpmAccountSchema>;
export type RpmField = z.output<typeof RpmFieldSchema>;
export type RpmPhoneNumber = z.output<typeof RpmPhoneNumberSchema>;

/** Wraps a Result schema in RPM's envelope, so a failed check names the path from the top (Result.Customers.3...). */
export const rpmAnswer = <T extends z.ZodType>(result: T) => z.object({ Result: result });

/**
 * RPM's error, inside an HTTP 200: `{"Result": {"Error": "<message>"}}`, or on some deployments for a usage limit
 * `{"Result": {"Error": {"Message": "API daily limit reached"}}}`. Returns the message, or null when the body is
 * not an error. An `Error` of any other shape is still an error (never data), described by its JSON.
 */
export function rpmErrorMessage(body: unknown): string | null {
  if (!isJsonObject(body) || !isJsonObject(body.Result)) return null;
  const error = body.Result.Error;
  if (error === undefined || error === null) return null;
  if (typeof error === "string") return error;
  if (isJsonObject(error) && typeof error.Message === "string") return error.Message;
  return JSON.stringify(error);
}

/** CustomerEdit's request: CustomerID picks the customer; only the keys present change. */
export interface RpmCustomerEditRequest {
  Customer: {
    CustomerID: number;
    Name?: string;
    Website?: string;
    Address?: string;
    Fields?: Array<{ Field: string; Value: string }>;
  };
}
