import type { Faker } from "@faker-js/faker";
import { seededFaker } from "../seeded-faker.js";

/** RPM's phone number Type enum (api.rpmsoftware.com): the numbers travel on the wire. */
export const PHONE_TYPE = { Business: 1, Home: 2, Fax: 3, Other: 6 } as const;

export interface RpmField {
  Field: string;
  Value: string;
}
export interface RpmPhoneNumber {
  Number: string;
  PhoneNumberID: number;
  Type: number;
}
export interface RpmContact {
  Contact: {
    ContactID: number;
    Email: string;
    FirstName: string;
    LastName: string;
    PhoneNumbers: RpmPhoneNumber[];
    Salutation: string;
    Title: string;
  };
  IsPrimary: boolean;
}
export interface RpmLocation {
  Address: string;
  City: string;
  Country: string;
  IsPrimary: boolean;
  LocationID: number;
  Name: string;
  StateProvince: string;
  ZipPostalCode: string;
  Added: string;
  Modified: string;
  Fields: RpmField[];
}
export interface RpmAccount {
  Account: string;
  AccountID: number;
  Supplier: string;
  SupplierID: number;
}

/** The part of a customer only the Customer call returns; generated on first read, then kept so writes stick. */
export interface RpmDetail {
  website: string;
  fields: RpmField[];
  contacts: RpmContact[];
  locations: RpmLocation[];
  accounts: RpmAccount[];
}

export interface RpmCustomerChange {
  name?: string;
  website?: string;
  address?: string;
  fields?: RpmField[];
}

const SALT = 11;
const REF_MS = Date.parse("2025-06-01T00:00:00Z");
const FIRST_ADDED_MS = Date.parse("2005-01-01T00:00:00Z");
const INITIAL_AGE = 1_000;

// Related ids are derived from the customer's position so lazily generated records never collide; ids of
// locations created by CustomerEdit come from a range above every derived one (sizes go up to 1,000,000).
const CONTACT_ID_BASE = 1_000_000;
const LOCATION_ID_BASE = 10_000_000;
const ACCOUNT_ID_BASE = 20_000_000;
const PHONE_ID_BASE = 30_000_000;
const NEW_LOCATION_ID_BASE = 50_000_000;

const SUPPLIERS = [
  { SupplierID: 301, Supplier: "Northstar Wireless" },
  { SupplierID: 302, Supplier: "BluePeak Voice" },
  { SupplierID: 303, Supplier: "Crescent Cloud Services" },
  { SupplierID: 305, Supplier: "Summit Carrier Group" },
  { SupplierID: 308, Supplier: "Lumenwave Fiber" },
  { SupplierID: 311, Supplier: "Ironbridge Data Centers" },
];
const BUSINESS_WORDS = [
  "Dental", "Logistics", "Realty", "Consulting", "Manufacturing", "Foods", "Health", "Legal", "Auto", "Media",
  "Design", "Engineering", "Insurance", "Financial", "Construction", "Supply", "Pharmacy", "Hospitality",
  "Printing", "Farms", "Energy", "Outfitters", "Labs", "Studios", "Freight", "Security", "Veterinary",
  "Imaging", "Academy", "Marine", "Roofing", "Electric", "Plumbing", "Bakery", "Brewing", "Optical",
  "Travel", "Fitness", "Landscaping", "Storage",
];
const BUSINESS_SUFFIXES = [
  "LLC", "Inc.", "Group", "Partners", "& Sons", "Holdings", "Co.", "Associates", "Ltd.", "Services",
];
const CUSTOM_FIELDS = ["Industry", "Region", "Credit Limit", "Tax Exempt"];
const LOCATION_FIELDS = ["Dock Hours", "Gate Code", "Site Contact"];
const LOCATION_NAMES = ["Head Office", "Warehouse", "Branch Office", "Data Room", "Retail Store"];

// Formatting 200,000 dates through Date#toISOString is the bulk of seeding 100,000 customers; the seeded dates
// fall on a few thousand distinct days, so each day's text is made once and the time of day appended.
const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const isoDays = new Map<number, string>();
const legacyDays = new Map<number, string>();

/** "2024-11-02T14:22:00": how newer RPM deployments send dates (no zone; the project reads them as UTC). */
export function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = isoDays.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(day, date);
  }
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  return `${date}T${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}`;
}

/** "1/20/2007": how older RPM deployments send dates. */
export function legacyDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = legacyDays.get(day);
  if (date === undefined) {
    const d = new Date(day * DAY_MS);
    date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
    legacyDays.set(day, date);
  }
  return date;
}

/**
 * All RPM customers in memory. The list-level fields (the Customers call's four) are built for every customer
 * up front in plain arrays, cheaply enough for 100,000; the detail (website, fields, contacts, locations,
 * accounts) is generated on first read from a faker seeded by (seed, position), so it is the same whenever it
 * is first read, and kept from then on.
 */
export class RpmCustomerStore {
  /** The Customers list's Age: bumped by every write. */
  age = INITIAL_AGE;
  readonly size: number;
  private readonly ids: Int32Array;
  private readonly names: string[];
  private readonly added: string[];
  private readonly modified: string[];
  private readonly addedMs: Float64Array;
  private readonly ages: Int32Array;
  private readonly byName = new Map<string, number>();
  private readonly details = new Map<number, RpmDetail>();
  private readonly detailFaker: Faker;
  private nextLocationId = NEW_LOCATION_ID_BASE;

  constructor(
    customers: number,
    private readonly seed: number,
  ) {
    this.size = Math.max(0, Math.floor(customers));
    const f = seededFaker(seed, SALT);
    this.detailFaker = seededFaker(seed, SALT);
    this.ids = new Int32Array(this.size);
    this.names = new Array<string>(this.size);
    this.added = new Array<string>(this.size);
    this.modified = new Array<string>(this.size);
    this.addedMs = new Float64Array(this.size);
    this.ages = new Int32Array(this.size).fill(INITIAL_AGE);

    const lastNames = Array.from({ length: 1_000 }, () => f.person.lastName());
    const cities = Array.from({ length: 200 }, () => f.location.city());
    let id = 0;
    for (let i = 0; i < this.size; i++) {
      const fixed = FIXED[i];
      // Gaps between ids, as deleted customers leave them: code must not take a position for an id.
      id = fixed ? fixed.id : id + f.number.int({ min: 1, max: 5 });
      this.ids[i] = id;
      let name: string;
      let addedMs: number;
      let modifiedMs: number;
      if (fixed) {
        name = fixed.name;
        addedMs = Date.parse(fixed.added);
        modifiedMs = Date.parse(fixed.modified);
      } else {
        const [last, word, suffix] = [lastNames, BUSINESS_WORDS, BUSINESS_SUFFIXES].map((a) => f.helpers.arrayElement(a));
        name = `${last} ${word} ${suffix}`;
        // RPM names are unique: a name already taken gets a city, then its id (lists beyond ~100,000 need them).
        if (this.byName.has(name.toLowerCase())) name = `${name} of ${f.helpers.arrayElement(cities)}`;
        if (this.byName.has(name.toLowerCase())) name = `${name} #${id}`;
        addedMs = FIRST_ADDED_MS + f.number.int({ min: 0, max: 19 * 365 * 86_400 }) * 1000;
        modifiedMs = addedMs + f.number.int({ min: 0, max: Math.floor((REF_MS - addedMs) / 1000) }) * 1000;
      }
      this.names[i] = name;
      this.byName.set(name.toLowerCase(), i);
      this.addedMs[i] = addedMs;
      // A share of customers carry dates in the older M/D/YYYY form (records migrated from an older deployment),
      // so the connector's parsing of both forms is exercised by ordinary data.
      this.added[i] = (fixed ? fixed.legacyAdded : i % 4 === 3) ? legacyDate(addedMs) : isoDate(addedMs);
      this.modified[i] = !fixed && i % 8 === 7 ? legacyDate(modifiedMs) : isoDate(modifiedMs);
    }
  }

  /** The position of a CustomerID, or -1. */
  indexOfId(id: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The position of the customer with this name (names are unique, compared case-insensitively), or -1. */
  indexOfName(name: string): number {
    return this.byName.get(name.trim().toLowerCase()) ?? -1;
  }

  summary(i: number): { Customer: string; CustomerID: number; Added: string; Modified: string } {
    return { Customer: this.names[i]!, CustomerID: this.ids[i]!, Added: this.added[i]!, Modified: this.modified[i]! };
  }

  /** The Customer call's answer, a copy so that later writes do not change an answer already handed out. */
  record(i: number, includeLocations: boolean): Record<string, unknown> {
    const d = structuredClone(this.detail(i));
    return {
      Age: this.ages[i],
      Accounts: d.accounts,
      Added: this.added[i],
      Aliases: [],
      Contacts: d.contacts,
      CustomerID: this.ids[i],
      Fields: d.fields,
      ...(includeLocations ? { Locations: d.locations } : {}),
      Modified: this.modified[i],
      Name: this.names[i],
      Notes: [],
      NotesForStaff: [],
      Website: d.website,
    };
  }

  /** Applies one CustomerEdit (already validated), stamping Modified with the real time and bumping Age. */
  apply(i: number, change: RpmCustomerChange, now: Date): void {
    const d = this.detail(i);
    const stamp = isoDate(now.getTime());
    if (change.name !== undefined) {
      this.byName.delete(this.names[i]!.toLowerCase());
      this.names[i] = change.name;
      this.byName.set(change.name.toLowerCase(), i);
    }
    if (change.website !== undefined) d.website = change.website;
    if (change.address !== undefined) {
      let primary = d.locations.find((l) => l.IsPrimary);
      if (!primary) {
        primary = {
          Address: "", City: "", Country: "", IsPrimary: true, LocationID: this.nextLocationId++, Name: "Primary",
          StateProvince: "", ZipPostalCode: "", Added: stamp, Modified: stamp, Fields: [],
        };
        d.locations.unshift(primary);
      }
      primary.Address = change.address;
      primary.Modified = stamp;
    }
    for (const field of change.fields ?? []) {
      const existing = d.fields.find((f) => f.Field === field.Field);
      if (existing) existing.Value = field.Value;
      else d.fields.push({ Field: field.Field, Value: field.Value });
    }
    this.age += 1;
    this.ages[i] = this.age;
    this.modified[i] = stamp;
  }

  private detail(i: number): RpmDetail {
    let d = this.details.get(i);
    if (!d) {
      d = FIXED[i]?.detail() ?? this.generateDetail(i);
      this.details.set(i, d);
    }
    return d;
  }

  private generateDetail(i: number): RpmDetail {
    const f = this.detailFaker;
    f.seed([this.seed, SALT, i]);
    const name = this.names[i]!;
    const addedMs = this.addedMs[i]!;
    const sinceAdded = Math.floor((REF_MS - addedMs) / 1000);
    const datetime = () => isoDate(addedMs + f.number.int({ min: 0, max: sinceAdded }) * 1000);
    const domain = f.helpers.slugify(name.split(" ")[0]!).toLowerCase();
    const website = f.datatype.boolean(0.8) ? `https://www.${domain}.com` : "";
    const fields = f.helpers.arrayElements(CUSTOM_FIELDS, { min: 0, max: 3 }).map((Field) => ({
      Field,
      Value: fieldValue(f, Field),
    }));
    const contacts = Array.from({ length: f.number.int({ min: 0, max: 3 }) }, (_, k): RpmContact => {
      const FirstName = f.person.firstName();
      const LastName = f.person.lastName();
      return {
        Contact: {
          ContactID: CONTACT_ID_BASE + i * 4 + k,
          Email: f.datatype.boolean(0.85) ? f.internet.email({ firstName: FirstName, lastName: LastName }) : "",
          FirstName,
          LastName,
          PhoneNumbers: Array.from({ length: f.number.int({ min: 0, max: 3 }) }, (_, p) => ({
            Number: f.phone.number({ style: "national" }),
            PhoneNumberID: PHONE_ID_BASE + i * 16 + k * 4 + p,
            Type: f.helpers.arrayElement(Object.values(PHONE_TYPE)),
          })),
          Salutation: f.helpers.arrayElement(["Mr.", "Ms.", "Dr.", ""]),
          Title: f.datatype.boolean(0.7) ? f.person.jobTitle() : "",
        },
        IsPrimary: k === 0,
      };
    });
    const locations = Array.from({ length: f.number.int({ min: 0, max: 3 }) }, (_, k): RpmLocation => {
      const Added = datetime();
      return {
        Address: f.location.streetAddress(),
        City: f.location.city(),
        Country: f.helpers.arrayElement(["United States", "United States", "United States", "Canada"]),
        IsPrimary: k === 0,
        LocationID: LOCATION_ID_BASE + i * 4 + k,
        Name: LOCATION_NAMES[k % LOCATION_NAMES.length]!,
        StateProvince: f.location.state({ abbreviated: true }),
        ZipPostalCode: f.location.zipCode("#####"),
        Added,
        Modified: maxIso(Added, datetime()),
        Fields: f.helpers.arrayElements(LOCATION_FIELDS, { min: 0, max: 2 }).map((Field) => ({
          Field,
          Value: fieldValue(f, Field),
        })),
      };
    });
    const accounts = Array.from({ length: f.number.int({ min: 0, max: 3 }) }, (_, k): RpmAccount => {
      const supplier = f.helpers.arrayElement(SUPPLIERS);
      return {
        Account: f.finance.accountNumber(9),
        AccountID: ACCOUNT_ID_BASE + i * 4 + k,
        Supplier: supplier.Supplier,
        SupplierID: supplier.SupplierID,
      };
    });
    return { website, fields, contacts, locations, accounts };
  }
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function fieldValue(f: Faker, field: string): string {
  switch (field) {
    case "Industry":
      return f.commerce.department();
    case "Region":
      return f.helpers.arrayElement(["North", "South", "East", "West"]);
    case "Credit Limit":
      return String(f.number.int({ min: 1, max: 50 }) * 1000);
    case "Tax Exempt":
      return f.helpers.arrayElement(["Yes", "No"]);
    case "Dock Hours":
      return f.helpers.arrayElement(["7:00-15:00", "8:00-17:00", "6:00-14:00"]);
    case "Gate Code":
      return String(f.number.int({ min: 1000, max: 9999 }));
    default:
      return f.person.fullName();
  }
}

/**
 * Hand-written first customers (RPM's docs show no example records): one with every kind of detail and the
 * docs' own "1/20/2007" date, one with no detail at all, so tests can assert exact mappings and empty cases.
 */
interface FixedCustomer {
  id: number;
  name: string;
  added: string;
  /** Send Added in the older M/D/YYYY form. */
  legacyAdded: boolean;
  modified: string;
  detail: () => RpmDetail;
}
const FIXED: Array<FixedCustomer | undefined> = [
  {
    id: 1001,
    name: "Maple Ridge Dental Group",
    added: "2007-01-20T00:00:00Z",
    legacyAdded: true,
    modified: "2024-11-02T14:22:00Z",
    detail: () => ({
      website: "https://www.mapleridgedental.example",
      fields: [
        { Field: "Industry", Value: "Health" },
        { Field: "Credit Limit", Value: "25000" },
        { Field: "Notes", Value: "" },
      ],
      contacts: [
        {
          Contact: {
            ContactID: 501,
            Email: "dana.whitfield@mapleridgedental.example",
            FirstName: "Dana",
            LastName: "Whitfield",
            PhoneNumbers: [
              { Number: "(503) 555-0142", PhoneNumberID: 9001, Type: PHONE_TYPE.Business },
              { Number: "(503) 555-0143", PhoneNumberID: 9002, Type: PHONE_TYPE.Fax },
            ],
            Salutation: "Dr.",
            Title: "Practice Owner",
          },
          IsPrimary: true,
        },
        {
          Contact: {
            ContactID: 502,
            Email: "",
            FirstName: "Luis",
            LastName: "Ortega",
            PhoneNumbers: [
              { Number: "(503) 555-0199", PhoneNumberID: 9003, Type: PHONE_TYPE.Home },
              { Number: "(503) 555-0100", PhoneNumberID: 9004, Type: PHONE_TYPE.Other },
            ],
            Salutation: "",
            Title: "Office Manager",
          },
          IsPrimary: false,
        },
      ],
      locations: [
        {
          Address: "1200 SW Maple Ridge Rd",
          City: "Portland",
          Country: "United States",
          IsPrimary: true,
          LocationID: 701,
          Name: "Main Clinic",
          StateProvince: "OR",
          ZipPostalCode: "97205",
          Added: "2007-01-20T09:00:00",
          Modified: "2023-03-14T16:45:10",
          Fields: [{ Field: "Dock Hours", Value: "8:00-17:00" }],
        },
        {
          Address: "88 Cedar Hills Blvd",
          City: "Beaverton",
          Country: "United States",
          IsPrimary: false,
          LocationID: 702,
          Name: "West Side Office",
          StateProvince: "OR",
          ZipPostalCode: "97005",
          Added: "2015-06-01T10:30:00",
          Modified: "2015-06-01T10:30:00",
          Fields: [],
        },
      ],
      accounts: [
        { Account: "NSW-448812", AccountID: 801, Supplier: "Northstar Wireless", SupplierID: 301 },
        { Account: "BPV-10077", AccountID: 802, Supplier: "BluePeak Voice", SupplierID: 302 },
      ],
    }),
  },
  {
    id: 1005,
    name: "Quill & Compass Consulting",
    added: "2021-09-13T11:05:42Z",
    legacyAdded: false,
    modified: "2021-09-13T11:05:42Z",
    detail: () => ({ website: "", fields: [], contacts: [], locations: [], accounts: [] }),
  },
];
