import { z } from "zod/v4";

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
  const value = text.trim();
  const legacy = LEGACY_DATE.exec(value);
  if (legacy) {
    const [, month, day, year, hour = "0", minute = "0", second = "0", meridiem] = legacy;
    let h = Number(hour);
    if (meridiem) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
    }
    return utc({ year, month, day, hour: h, minute, second, ms: 0, offsetMinutes: 0 });
  }
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = iso;
    const ms = fraction.padEnd(3, "0").slice(0, 3);
    return utc({ year, month, day, hour, minute, second, ms, offsetMinutes: offsetMinutes(zone) });
  }
  return undefined;
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

type DatePart = "year" | "month" | "day" | "hour" | "minute" | "second" | "ms";

function utc(text: Record<DatePart, string | number> & { offsetMinutes: number }): Date | undefined {
  const [y, mo, d, h, mi, s, ms] = [text.year, text.month, text.day, text.hour, text.minute, text.second, text.ms].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Date.UTC rolls 2/30 over into March; a date that rolled over was not a real date.
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return undefined;
  return new Date(date.getTime() - text.offsetMinutes * 60_000);
}

/**
 * A date field, checked here so that an unreadable date is a bad answer; map.ts turns it into a Date (the base
 * client's `parse` keeps the wire types, so no transform here). Empty or absent means no date.
 */
const rpmDate = z
  .string()
  .nullish()
  .superRefine((text, ctx) => {
    if (text === undefined || text === null || text.trim() === "" || parseRpmDate(text)) return;
    ctx.addIssue({ code: "custom", message: `unreadable date ${JSON.stringify(text.slice(0, 40))}` });
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
  if (!isObject(body) || !isObject(body.Result)) return null;
  const error = body.Result.Error;
  if (error === undefined || error === null) return null;
  if (typeof error === "string") return error;
  if (isObject(error) && typeof error.Message === "string") return error.Message;
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
