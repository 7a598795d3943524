import type { AccountRecord, ContactRecord, CustomField, CustomerRecord, LocationRecord, PhoneNumber } from "../../model.js";
import {
  parseRpmDate,
  type RpmAccount,
  type RpmContact,
  type RpmCustomerDetail,
  type RpmCustomerSummary,
  type RpmField,
  type RpmLocation,
  type RpmPhoneNumber,
} from "./wire.js";

/** RPM's phone Type enum (api.rpmsoftware.com): the number on the wire and the name the graph shows. */
const PHONE_TYPES: Readonly<Record<number, string>> = { 1: "Business", 2: "Home", 3: "Fax", 6: "Other" };

/**
 * The fields every RPM customer record has, list or detail. RPM has no code, no inactive flag (a customer
 * exists or not), and none of the other unified scalars: those are null, as the vendor never has them.
 */
function base(id: number, name: string, added: WireDate, modified: WireDate): CustomerRecord {
  return {
    source: "RPM",
    sourceId: String(id),
    code: null,
    name,
    active: true,
    customerType: null,
    email: null,
    phone: null,
    fax: null,
    accountingCode: null,
    salesPerson: null,
    referenceId: null,
    preferredLocale: null,
    createdAt: date(added),
    updatedAt: date(modified),
  };
}

/**
 * A customer from the Customers list. The list carries only name, id and dates, so website, custom fields,
 * contacts, locations and accounts stay undefined: the graph loads them with a Customer call when asked.
 */
export function customerFromSummary(summary: RpmCustomerSummary): CustomerRecord {
  return base(summary.CustomerID, summary.Customer, summary.Added, summary.Modified);
}

/** A customer from the Customer or CustomerEdit call: the full record. Locations stay undefined if RPM left them out. */
export function customerFromDetail(detail: RpmCustomerDetail): CustomerRecord {
  return {
    ...base(detail.CustomerID, detail.Name, detail.Added, detail.Modified),
    website: textOrNull(detail.Website),
    customFields: (detail.Fields ?? []).map(customField),
    contacts: (detail.Contacts ?? []).map(contact),
    // Absent means suppressed by IncludeLocations: false (not read); null means RPM has none.
    locations: detail.Locations === undefined ? undefined : (detail.Locations ?? []).map(location),
    accounts: (detail.Accounts ?? []).map(account),
  };
}

export function phoneType(type: RpmPhoneNumber["Type"]): string | null {
  if (type === null || type === undefined) return null;
  if (typeof type === "number" || /^\d+$/.test(type.trim())) return PHONE_TYPES[Number(type)] ?? null;
  const byName = Object.values(PHONE_TYPES).find((name) => name.toLowerCase() === type.trim().toLowerCase());
  return byName ?? textOrNull(type);
}

function contact({ Contact: c, IsPrimary }: RpmContact): ContactRecord {
  const firstName = textOrNull(c.FirstName);
  const lastName = textOrNull(c.LastName);
  const email = textOrNull(c.Email);
  return {
    sourceId: String(c.ContactID),
    // A contact always has a name in the graph; RPM allows one with neither first nor last name.
    name: [firstName, lastName].filter((part) => part !== null).join(" ") || email || `Contact ${c.ContactID}`,
    firstName,
    lastName,
    salutation: textOrNull(c.Salutation),
    title: textOrNull(c.Title),
    email,
    role: null,
    isPrimary: IsPrimary ?? false,
    phoneNumbers: (c.PhoneNumbers ?? []).map(
      (p): PhoneNumber => ({ number: p.Number, type: phoneType(p.Type) }),
    ),
  };
}

function location(l: RpmLocation): LocationRecord {
  return {
    sourceId: String(l.LocationID),
    kind: "SITE",
    name: textOrNull(l.Name),
    isPrimary: l.IsPrimary ?? false,
    address: {
      line1: textOrNull(l.Address),
      line2: null,
      city: textOrNull(l.City),
      stateProvince: textOrNull(l.StateProvince),
      postalCode: textOrNull(l.ZipPostalCode),
      country: textOrNull(l.Country),
      region: null,
      attention: null,
    },
    customFields: (l.Fields ?? []).map(customField),
    createdAt: date(l.Added),
    updatedAt: date(l.Modified),
  };
}

function account(a: RpmAccount): AccountRecord {
  const supplierName = textOrNull(a.Supplier);
  return {
    sourceId: String(a.AccountID),
    name: a.Account,
    supplier: a.SupplierID !== null && a.SupplierID !== undefined && supplierName !== null
      ? { id: String(a.SupplierID), name: supplierName }
      : null,
    billingMethod: null,
    currency: null,
    billingEmail: null,
    autoPay: null,
  };
}

function customField(f: RpmField): CustomField {
  return { name: f.Field, value: textOrNull(f.Value) };
}

type WireDate = string | null | undefined;

/** Either of RPM's date forms (wire.ts has already refused anything else); empty or absent is null. */
function date(text: WireDate): Date | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  return parseRpmDate(text) ?? null;
}

/** RPM sends "" for a value it does not have; the unified model says null. */
function textOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.trim() === "" ? null : value;
}
