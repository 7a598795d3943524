/**
 * The unified customer model: what every vendor's records are mapped into, and all that the layers above
 * src/sources/ ever see. Plain data, no GraphQL. `undefined` on an optional field means "this record was not
 * read with it" (a list record that lacks detail), while `null` means "the vendor has no value".
 */

export const SOURCE_NAMES = ["RPM", "WMS", "KOMET", "CONNECT"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface CustomField {
  name: string;
  value: string | null;
}

export interface PhoneNumber {
  number: string;
  type: string | null;
}

export interface ContactRecord {
  /** The vendor's key for the contact, unique within its customer. */
  sourceId: string;
  name: string;
  firstName: string | null;
  lastName: string | null;
  salutation: string | null;
  title: string | null;
  email: string | null;
  role: string | null;
  isPrimary: boolean;
  phoneNumbers: PhoneNumber[];
}

export interface Address {
  line1: string | null;
  line2: string | null;
  city: string | null;
  stateProvince: string | null;
  postalCode: string | null;
  country: string | null;
  region: string | null;
  attention: string | null;
}

export type LocationKind = "SITE" | "BILLING" | "SHIPPING";

export interface LocationRecord {
  /** The vendor's key for the location, unique within its customer. */
  sourceId: string;
  kind: LocationKind;
  name: string | null;
  isPrimary: boolean;
  address: Address;
  customFields: CustomField[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface Supplier {
  id: string;
  name: string;
}

export interface AccountRecord {
  /** The vendor's key for the account, unique within its customer. */
  sourceId: string;
  name: string;
  supplier: Supplier | null;
  billingMethod: string | null;
  currency: string | null;
  billingEmail: string | null;
  autoPay: boolean | null;
}

export interface SalesPerson {
  id: string;
  name: string | null;
}

export interface CustomerRecord {
  source: SourceName;
  sourceId: string;
  code: string | null;
  name: string;
  active: boolean;
  customerType: string | null;
  website?: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
  accountingCode: string | null;
  salesPerson: SalesPerson | null;
  referenceId: string | null;
  preferredLocale: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  customFields?: CustomField[] | null;
  contacts?: ContactRecord[];
  locations?: LocationRecord[];
  accounts?: AccountRecord[];
}

/** The fields a list record may lack, which a detail read (Source.getCustomers) or a related call supplies. */
export type DetailField = "website" | "customFields" | "contacts" | "locations" | "accounts";
export type RelatedKind = "contacts" | "locations" | "accounts";
export interface RelatedRecords {
  contacts: ContactRecord;
  locations: LocationRecord;
  accounts: AccountRecord;
}

/** The unified filter of the `customers` query, as the layers below the schema see it. */
export interface CustomerFilter {
  search?: string;
  code?: string;
  active?: boolean;
  updatedSince?: Date;
  salesPersonId?: string;
}
export type FilterField = keyof CustomerFilter;

/** editCustomer's changes: only the fields present change. */
export interface CustomerPatch {
  name?: string;
  website?: string;
  address?: string;
  email?: string;
  phone?: string;
  customFields?: CustomField[];
}

/** upsertCustomer's record, keyed by shortId. */
export interface CustomerUpsert {
  shortId: string;
  name?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
  fax?: string;
  email?: string;
  contact?: string;
}
