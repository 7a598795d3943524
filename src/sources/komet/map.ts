import type { ContactRecord, CustomerRecord, LocationRecord, PhoneNumber } from "../../model.js";
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

/**
 * A contact of customer.contact.list. Komet keeps one `name` (no first and last name, no job title) and a `type`
 * (Buyer, A/P), which is the contact's role; it marks no contact primary. A contact must have a name: one without
 * is known by its email, or its id.
 */
export function mapContact(c: KometContact): ContactRecord {
  const phoneNumbers: PhoneNumber[] = [];
  if (c.phone !== null) phoneNumbers.push({ number: c.ext === null ? c.phone : `${c.phone} ext. ${c.ext}`, type: "Business" });
  if (c.mobile !== null) phoneNumbers.push({ number: c.mobile, type: "Mobile" });
  if (c.fax !== null) phoneNumbers.push({ number: c.fax, type: "Fax" });
  return {
    sourceId: c.id,
    name: c.name ?? c.email ?? c.id,
    firstName: null,
    lastName: null,
    salutation: null,
    title: null,
    email: c.email,
    role: c.type,
    isPrimary: false,
    phoneNumbers,
  };
}

/**
 * A ship-to of customer.shipto.list, a SHIPPING location. Komet flags no default ship-to, so none is primary; its
 * code, numbers and default carrier, which the unified address has no place for, are its custom fields.
 */
export function mapShipTo(s: KometShipTo): LocationRecord {
  const extra = { shipToCode: s.shipToCode, phone: s.phone, fax: s.fax, carrierName: s.carrierName, carrierCode: s.carrierCode };
  return {
    sourceId: s.id,
    kind: "SHIPPING",
    name: s.name,
    isPrimary: false,
    address: {
      line1: s.address,
      line2: null,
      city: s.city,
      stateProvince: s.state,
      postalCode: s.zipcode,
      country: s.country,
      region: null,
      attention: null,
    },
    customFields: Object.entries(extra).flatMap(([name, value]) => (value === null ? [] : [{ name, value }])),
    createdAt: null,
    updatedAt: s.updatedAsOf,
  };
}
