import type { ContactRecord, CustomerPatch, CustomerRecord, CustomerUpsert, LocationRecord, PhoneNumber } from "../../model.js";
import { plainUtcTime } from "../plain-utc-time.js";
import type { WmsCustomer, WmsCustomerInput } from "./wire.js";

/** The vendor writes "" for an empty field; the unified model says null. */
function optional(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

/**
 * Reads a WMS datetime. The vendor writes no zone ("2023-04-15T08:30:00"); the project reads those as UTC
 * (docs/vendors/wms.md). A datetime that does carry a zone keeps it.
 */
export function parseWmsDateTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  // The plain form, nearly every value, is read without Date's string parser (see plain-utc-time.ts).
  const plain = plainUtcTime(value, "");
  if (plain !== undefined) return new Date(plain);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : new Date(time);
}

/**
 * Writes a moment as the vendor's zone-less UTC datetime, for modifiedSince. The vendor keeps whole seconds,
 * so a moment with milliseconds rounds up: "modified >= the next whole second" then keeps exactly the
 * records whose (whole-second) updatedAt is >= the moment asked.
 */
export function formatWmsDateTime(moment: Date): string {
  const seconds = Math.ceil(moment.getTime() / 1000) * 1000;
  return new Date(seconds).toISOString().slice(0, 19);
}

/**
 * A WMS customer in the unified model. The list and the single read return the same complete record, so
 * nothing is left undefined: the contact and the address come along as one Contact and one Location.
 */
export function customerFromWms(c: WmsCustomer): CustomerRecord {
  const createdAt = parseWmsDateTime(c.created);
  const updatedAt = parseWmsDateTime(c.modified);
  return {
    source: "WMS",
    sourceId: c.shortID,
    code: c.shortID,
    name: c.name ?? "",
    active: c.active,
    customerType: null,
    website: null,
    email: optional(c.email),
    phone: optional(c.phone),
    fax: optional(c.fax),
    accountingCode: null,
    salesPerson: null,
    referenceId: null,
    preferredLocale: null,
    createdAt,
    updatedAt,
    customFields: [],
    contacts: contactsOf(c),
    locations: locationsOf(c, createdAt, updatedAt),
    accounts: [],
  };
}

/** The customer's `contact` is its one (primary) contact, reached at the customer's email, phone and fax. */
function contactsOf(c: WmsCustomer): ContactRecord[] {
  const name = optional(c.contact);
  if (name === null) return [];
  const phoneNumbers: PhoneNumber[] = [];
  const phone = optional(c.phone);
  const fax = optional(c.fax);
  if (phone !== null) phoneNumbers.push({ number: phone, type: "Business" });
  if (fax !== null) phoneNumbers.push({ number: fax, type: "Fax" });
  return [
    {
      sourceId: "primary",
      name,
      firstName: null,
      lastName: null,
      salutation: null,
      title: null,
      email: optional(c.email),
      role: null,
      isPrimary: true,
      phoneNumbers,
    },
  ];
}

/** The customer's address is its one site, dated like the customer (the vendor keeps no dates of its own). */
function locationsOf(c: WmsCustomer, createdAt: Date | null, updatedAt: Date | null): LocationRecord[] {
  const address = {
    line1: optional(c.address1),
    line2: optional(c.address2),
    city: optional(c.city),
    stateProvince: optional(c.state),
    postalCode: optional(c.zip),
    country: optional(c.country),
    region: null,
    attention: null,
  };
  const hasAny = [address.line1, address.line2, address.city, address.stateProvince, address.postalCode, address.country].some(
    (v) => v !== null,
  );
  if (!hasAny) return [];
  return [
    { sourceId: "address", kind: "SITE", name: null, isPrimary: true, address, customFields: [], createdAt, updatedAt },
  ];
}

/** Every field POST /Customer takes, from a record as read, so that a save can resend what it does not change. */
export function inputFromWms(c: WmsCustomer): WmsCustomerInput {
  const keep = (value: string | null | undefined) => value ?? "";
  return {
    shortID: c.shortID,
    name: keep(c.name),
    address1: keep(c.address1),
    address2: keep(c.address2),
    city: keep(c.city),
    state: keep(c.state),
    zip: keep(c.zip),
    country: keep(c.country),
    phone: keep(c.phone),
    fax: keep(c.fax),
    email: keep(c.email),
    contact: keep(c.contact),
  };
}

/** editCustomer's changes in WMS fields; `address` is the first address line. */
export function inputFromPatch(patch: CustomerPatch): Omit<WmsCustomerInput, "shortID"> {
  const out: Omit<WmsCustomerInput, "shortID"> = {};
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.address !== undefined) out.address1 = patch.address;
  if (patch.email !== undefined) out.email = patch.email;
  if (patch.phone !== undefined) out.phone = patch.phone;
  return out;
}

const UPSERT_FIELDS = [
  "name",
  "address1",
  "address2",
  "city",
  "state",
  "zip",
  "country",
  "phone",
  "fax",
  "email",
  "contact",
] as const satisfies ReadonlyArray<keyof CustomerUpsert & keyof WmsCustomerInput>;

/** upsertCustomer's record in WMS fields: exactly the fields given (and nothing else the caller's object has). */
export function inputFromUpsert(input: CustomerUpsert): WmsCustomerInput {
  const out: WmsCustomerInput = { shortID: input.shortId };
  for (const field of UPSERT_FIELDS) {
    const value = input[field];
    // GraphQL hands an explicit null for a field left out as often as undefined: neither is a change.
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}
