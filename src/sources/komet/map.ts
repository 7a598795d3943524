import type { ContactRecord, CustomerRecord, LocationRecord } from "../../model.js";
import type { KometContact, KometCustomer, KometShipTo } from "./wire.js";

/**
 * A customer.list record. Komet has no website, email, phone, fax, reference id, locale, creation date, custom
 * fields or accounts at all, so those are null or []; contacts and locations stay undefined because they come
 * from calls of their own (the Source's relatedCalls).
 */
export function mapCustomer(c: KometCustomer): CustomerRecord {
  return {
    source: "KOMET",
    sourceId: c.id,
    code: c.code,
    name: c.name,
    active: c.active,
    customerType: c.customerType,
    website: null,
    email: null,
    phone: null,
    fax: null,
    accountingCode: c.accountingCode,
    // The doc's second sample has a salesPersonId with no salesPerson name: the id alone still identifies one.
    salesPerson: c.salesPersonId == null ? null : { id: c.salesPersonId, name: c.salesPerson },
    referenceId: null,
    preferredLocale: null,
    createdAt: null,
    updatedAt: c.updatedOn,
    customFields: [],
    accounts: [],
  };
}

export function mapContact(c: KometContact): ContactRecord {
  const name = [c.firstName, c.lastName].filter((part) => part !== null).join(" ");
  return {
    sourceId: c.id,
    // A contact must have a name; one with neither first nor last name is known by its email, or its id.
    name: name || c.email || c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    salutation: null,
    title: c.title,
    email: c.email,
    role: null,
    isPrimary: c.isPrimary ?? false,
    phoneNumbers: c.phone === null ? [] : [{ number: c.phone, type: null }],
  };
}

export function mapShipTo(s: KometShipTo): LocationRecord {
  return {
    sourceId: s.id,
    kind: "SHIPPING",
    name: s.name,
    isPrimary: s.isDefault ?? false,
    address: {
      line1: s.address1,
      line2: s.address2,
      city: s.city,
      stateProvince: s.state,
      postalCode: s.zipCode,
      country: s.country,
      region: null,
      attention: null,
    },
    customFields: [],
    createdAt: null,
    updatedAt: null,
  };
}
