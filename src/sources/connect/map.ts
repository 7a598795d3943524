import type {
  AccountRecord,
  Address,
  ContactRecord,
  CustomField,
  CustomerRecord,
  LocationRecord,
} from "../../model.js";
import { plainUtcTime } from "../plain-utc-time.js";
import type { ConnectAddress, ConnectCustomer, ConnectUser } from "./wire.js";

/**
 * A Connect customer in the unified model. The list call returns the whole record (billing, shipping, users,
 * contact person, metadata), so a list record is complete: nothing is left undefined for a detail read.
 * Connect has no notion of an inactive customer, nor of fax, website, accounting code or sales person.
 * Not mapped, having no unified field: identity (a personal or organisation number), shipping.msisdn and
 * shipping.instructions.
 */
export function toCustomerRecord(c: ConnectCustomer): CustomerRecord {
  return {
    source: "CONNECT",
    sourceId: c.customerId,
    code: c.humanReadableId ?? null,
    name: c.name,
    active: true,
    customerType: c.customerType ?? null,
    website: null,
    email: c.contact?.email ?? null,
    phone: c.contact?.msisdn ?? null,
    fax: null,
    accountingCode: null,
    salesPerson: null,
    referenceId: c.referenceId ?? null,
    preferredLocale: c.preferredLocale ?? null,
    createdAt: toDate(c.createdAt),
    updatedAt: toDate(c.updatedAt),
    customFields: toCustomFields(c.metadata),
    contacts: toContacts(c),
    locations: toLocations(c),
    accounts: toAccounts(c),
  };
}

function toCustomFields(metadata: Record<string, unknown> | null | undefined): CustomField[] {
  if (!metadata) return [];
  // Object.keys, not entries: no pair per key, and the same order.
  return Object.keys(metadata).map((name) => ({ name, value: metadataText(metadata[name]) }));
}

/** Metadata is free-form JSON; a custom field's value is text, so non-strings are written as JSON would. */
function metadataText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The contact person first (primary), then the other users. The contact person is normally one of the users,
 * so a user with the contact person's userId is not listed twice.
 */
function toContacts(c: ConnectCustomer): ContactRecord[] {
  const contacts: ContactRecord[] = [];
  if (c.contactPerson) contacts.push(toContact(c.contactPerson, true));
  for (const user of c.users ?? []) {
    if (user.userId !== c.contactPerson?.userId) contacts.push(toContact(user, false));
  }
  return contacts;
}

function toContact(user: ConnectUser, isPrimary: boolean): ContactRecord {
  return {
    sourceId: user.userId,
    name: user.name,
    firstName: null,
    lastName: null,
    salutation: null,
    title: null,
    email: null,
    role: user.role ?? null,
    isPrimary,
    phoneNumbers: [],
  };
}

/** Billing and shipping are one address each, so their sourceIds are fixed names unique within a customer. */
function toLocations(c: ConnectCustomer): LocationRecord[] {
  const locations: LocationRecord[] = [];
  if (c.billing?.address) {
    locations.push(toLocation("billing", "BILLING", null, true, c.billing.address));
  }
  if (c.shipping?.address) {
    locations.push(toLocation("shipping", "SHIPPING", c.shipping.name ?? null, false, c.shipping.address));
  }
  return locations;
}

function toLocation(
  sourceId: string,
  kind: LocationRecord["kind"],
  name: string | null,
  isPrimary: boolean,
  address: ConnectAddress,
): LocationRecord {
  return {
    sourceId,
    kind,
    name,
    isPrimary,
    address: toAddress(address),
    // Connect keeps no custom fields or timestamps of its own on an address.
    customFields: [],
    createdAt: null,
    updatedAt: null,
  };
}

function toAddress(a: ConnectAddress): Address {
  return {
    line1: a.street1 ?? null,
    line2: a.street2 ?? null,
    city: a.city ?? null,
    stateProvince: a.state ?? null,
    postalCode: a.zip ?? null,
    country: a.country ?? null,
    region: a.region ?? null,
    attention: a.attention ?? null,
  };
}

/**
 * A customer's billing setup is its one account. The payment profile is the closest thing to an account key;
 * without one, "billing" is unique within the customer all the same.
 */
function toAccounts(c: ConnectCustomer): AccountRecord[] {
  const billing = c.billing;
  if (!billing) return [];
  return [
    {
      sourceId: billing.defaultPaymentProfileId || "billing",
      name: billing.method ? `Billing (${billing.method})` : "Billing",
      supplier: null,
      billingMethod: billing.method ?? null,
      currency: billing.currency ?? null,
      billingEmail: billing.email ?? null,
      autoPay: billing.autoPay ?? null,
    },
  ];
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  // The plain form, nearly every value, is read without Date's string parser (see plain-utc-time.ts).
  return new Date(plainUtcTime(value, "Z") ?? value);
}
