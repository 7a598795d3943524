import type { Faker } from "@faker-js/faker";

// One Connect customer record: its wire shape, the docs' example, and how a seeded one is made. Values come
// from small word pools and plain draws rather than faker's templated helpers, which cost ten times as much.

/** A Connect customer as both the list and the single-customer call answer it, keys in the docs' order. */
export interface ConnectCustomer {
  customerId: string;
  customerType: "CONSUMER" | "BUSINESS";
  name: string;
  contact: { email: string; msisdn?: string };
  identity: string;
  preferredLocale: string;
  humanReadableId: string;
  referenceId?: string;
  billing: {
    method: string;
    currency: string;
    email: string;
    address: ConnectAddress;
    defaultPaymentProfileId?: string;
    autoPay: boolean;
  };
  users: ConnectUser[];
  contactPerson?: ConnectUser;
  shipping?: { name: string; address: ConnectAddress; msisdn?: string; instructions?: string };
  metadata: Record<string, string>;
  /** Not on the customers page, but the vendor says its timestamps are RFC 3339 with Z (docs/vendors/connect.md). */
  createdAt: string;
  updatedAt: string;
}

export interface ConnectAddress {
  street1: string;
  city: string;
  zip: string;
  country: string;
  street2?: string;
  state?: string;
  region?: string;
  attention?: string;
}

export interface ConnectUser {
  userId: string;
  name: string;
  role: "ADMIN" | "MEMBER";
}

/** What the store knows of a customer before its record is made (see seed.ts). */
export interface CustomerHead {
  customerId: string;
  name: string;
  business: boolean;
  createdAtMs: number;
}

export const FIRST_CREATED_MS = Date.parse("2019-01-01T08:00:00Z");
/** seededFaker's reference date: nothing is created or updated after it. */
export const LAST_CREATED_MS = Date.parse("2025-06-01T00:00:00Z");
const HUMAN_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The docs' example values, as the first customer. The docs show "<string>" for the rest; these fill them. */
const EXAMPLE_USER: ConnectUser = {
  userId: "5b0e7c1a-93d2-4f64-8e1b-2c7a9d40f3e6",
  name: "John Smith",
  role: "MEMBER",
};
const EXAMPLE_ADDRESS: ConnectAddress = {
  street1: "500 S Main St",
  city: "Natick",
  zip: "01701",
  country: "US",
  street2: "Apt 1",
  state: "CA",
  region: "Middlesex",
  attention: "John Smith",
};
export const EXAMPLE_CUSTOMER: ConnectCustomer = {
  customerId: "8f14e45f-ceea-4e7a-a2b1-0c9d3f6a1b27",
  customerType: "CONSUMER",
  name: "John Smith",
  contact: { email: "jsmith@example.com", msisdn: "+15085550123" },
  identity: "19800412-1234",
  preferredLocale: "en-US",
  humanReadableId: "29A-BY3Z-X78",
  referenceId: "crm-customer-12345",
  billing: {
    method: "E_INVOICE",
    currency: "USD",
    email: "billing@company.com",
    address: EXAMPLE_ADDRESS,
    defaultPaymentProfileId: "c1d2e3f4-a5b6-7890-1234-901234567890",
    autoPay: true,
  },
  users: [EXAMPLE_USER],
  contactPerson: EXAMPLE_USER,
  shipping: {
    name: "John Doe",
    address: { ...EXAMPLE_ADDRESS, attention: "John Doe" },
    msisdn: "+15551234567",
    instructions: "Leave at front door",
  },
  metadata: {},
  createdAt: rfc3339(FIRST_CREATED_MS),
  updatedAt: "2024-03-18T14:05:09Z",
};

interface Country {
  code: string;
  currency: string;
  locales: string[];
  dial: string;
  states?: string[];
  cities?: string[];
  zip: (f: Faker) => string;
}
const COUNTRIES: Array<{ weight: number; country: Country }> = [
  {
    weight: 70,
    country: { code: "US", currency: "USD", locales: ["en-US", "es-US"], dial: "+1", zip: (f) => digits(f, 5) },
  },
  {
    weight: 10,
    country: {
      code: "CA", currency: "CAD", locales: ["en-CA", "fr-CA"], dial: "+1", states: ["ON", "QC", "BC", "AB", "MB"],
      cities: ["Toronto", "Montreal", "Vancouver", "Calgary", "Ottawa", "Winnipeg"],
      zip: (f) => `${chars(f, LETTERS, 1)}${digits(f, 1)}${chars(f, LETTERS, 1)} ${digits(f, 1)}${chars(f, LETTERS, 1)}${digits(f, 1)}`,
    },
  },
  {
    weight: 10,
    country: {
      code: "GB", currency: "GBP", locales: ["en-GB"], dial: "+44",
      cities: ["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff"],
      zip: (f) => `${chars(f, LETTERS, 2)}${digits(f, 1)} ${digits(f, 1)}${chars(f, LETTERS, 2)}`,
    },
  },
  {
    weight: 10,
    country: {
      code: "SE", currency: "SEK", locales: ["sv-SE", "en-US"], dial: "+46",
      cities: ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro"],
      zip: (f) => `${digits(f, 3)} ${digits(f, 2)}`,
    },
  },
];
const BILLING_METHODS = ["E_INVOICE", "E_INVOICE", "INVOICE", "CARD", "DIRECT_DEBIT"];
const INSTRUCTIONS = [
  "Leave at front door",
  "Ring the bell twice",
  "Deliver to reception",
  "Call on arrival",
  "Loading dock B",
];
const COMPANY_SUFFIXES = ["Group", "Inc", "LLC", "and Sons", "Ltd", "AB"];
const METADATA_VALUES: Record<string, string[]> = {
  segment: ["smb", "enterprise", "consumer", "public-sector"],
  salesChannel: ["web", "retail", "partner", "telesales"],
  campaign: ["spring-2024", "black-friday-2023", "referral", "none"],
  crmOwner: ["alice", "bob", "carol", "dave"],
};

export interface Pools {
  firstNames: string[];
  lastNames: string[];
  streets: string[];
  cities: string[];
  counties: string[];
  states: string[];
}

/** Small word pools drawn once, so that per-customer values are cheap picks instead of faker's templates. */
export function makePools(f: Faker): Pools {
  const draw = (n: number, make: () => string) => Array.from({ length: n }, make);
  return {
    firstNames: draw(300, () => f.person.firstName()),
    lastNames: draw(300, () => f.person.lastName()),
    streets: draw(300, () => f.location.street()),
    cities: draw(200, () => f.location.city()),
    counties: draw(60, () => f.location.county()),
    states: draw(60, () => f.location.state({ abbreviated: true })),
  };
}

/** One customer's full record, drawn from `f` (seeded by the store per block of customers). */
export function makeCustomer(f: Faker, pools: Pools, head: CustomerHead): ConnectCustomer {
  const { name, business, createdAtMs } = head;
  const country = weighted(f, COUNTRIES).country;
  const person = business ? personName(f, pools) : name;
  const [first, ...rest] = person.split(" ");
  const domain = business ? `${slug(name)}.com` : pick(f, ["gmail.com", "yahoo.com", "hotmail.com", "example.com"]);
  const email = business ? `info@${domain}` : `${slug(first)}.${slug(rest.join(" "))}@${domain}`;

  const users: ConnectUser[] = [];
  // Some customers have no users at all (and so no contact person): a business one time in five, a consumer
  // one time in four.
  const userCount = business
    ? f.number.float() < 0.2
      ? 0
      : f.number.int({ min: 1, max: 4 })
    : f.number.float() < 0.25
      ? 0
      : 1;
  for (let u = 0; u < userCount; u++) {
    users.push({
      userId: uuid(f),
      name: u === 0 ? person : personName(f, pools),
      role: u === 0 && business ? "ADMIN" : "MEMBER",
    });
  }
  // The contact person is one of the customer's users, usually the first; a customer without users has none.
  const contactPerson =
    users.length === 0 ? undefined : users[f.number.float() < 0.7 ? 0 : f.number.int({ max: users.length - 1 })];

  const billingAddress = address(f, pools, country, business ? "Accounts Payable" : undefined);
  const method = pick(f, BILLING_METHODS);
  const updatedAtMs =
    f.number.float() < 0.3 || createdAtMs >= LAST_CREATED_MS
      ? createdAtMs
      : createdAtMs + 1000 * f.number.int({ min: 1, max: (LAST_CREATED_MS - createdAtMs) / 1000 });

  const referenceId = f.number.float() < 0.7 ? `crm-customer-${f.number.int({ min: 10000, max: 99999 })}` : undefined;
  const paymentProfileId = f.number.float() < 0.8 ? uuid(f) : undefined;
  let shipping: ConnectCustomer["shipping"];
  if (f.number.float() < 0.6) {
    const recipient = business ? personName(f, pools) : person;
    const shippingAddress =
      f.number.float() < 0.5 ? { ...billingAddress, attention: recipient } : address(f, pools, country, recipient);
    const shippingMsisdn = f.number.float() < 0.7 ? msisdn(f, country) : undefined;
    const instructions = f.number.float() < 0.4 ? pick(f, INSTRUCTIONS) : undefined;
    shipping = {
      name: recipient,
      address: shippingAddress,
      ...(shippingMsisdn !== undefined && { msisdn: shippingMsisdn }),
      ...(instructions !== undefined && { instructions }),
    };
  }
  const metadata: Record<string, string> = {};
  if (f.number.float() < 0.3) {
    for (const key of f.helpers.arrayElements(Object.keys(METADATA_VALUES), { min: 1, max: 3 })) {
      metadata[key] = pick(f, METADATA_VALUES[key]);
    }
  }

  // Keys in the docs' order; optional parts are left out rather than sent as null.
  return {
    customerId: head.customerId,
    customerType: business ? "BUSINESS" : "CONSUMER",
    name,
    contact: f.number.float() < 0.9 ? { email, msisdn: msisdn(f, country) } : { email },
    // An organisation number for a business, a date-of-birth number for a consumer.
    identity: business ? `${digits(f, 6)}-${digits(f, 4)}` : `${birthDate(f)}-${digits(f, 4)}`,
    preferredLocale: pick(f, country.locales),
    humanReadableId: [3, 4, 3].map((n) => chars(f, HUMAN_ID_ALPHABET, n)).join("-"),
    ...(referenceId !== undefined && { referenceId }),
    billing: {
      method,
      currency: country.currency,
      email: business ? `billing@${domain}` : email,
      address: billingAddress,
      ...(paymentProfileId !== undefined && { defaultPaymentProfileId: paymentProfileId }),
      autoPay: method === "CARD" || method === "DIRECT_DEBIT" ? true : f.datatype.boolean(),
    },
    users,
    ...(contactPerson && { contactPerson }),
    ...(shipping && { shipping }),
    metadata,
    createdAt: rfc3339(createdAtMs),
    updatedAt: rfc3339(updatedAtMs),
  };
}

function address(f: Faker, pools: Pools, country: Country, attention: string | undefined): ConnectAddress {
  const a: ConnectAddress = {
    street1: `${f.number.int({ min: 1, max: 9999 })} ${pick(f, pools.streets)}`,
    city: pick(f, country.cities ?? pools.cities),
    zip: country.zip(f),
    country: country.code,
  };
  if (f.number.float() < 0.3) a.street2 = `${pick(f, ["Apt", "Suite", "Unit"])} ${f.number.int({ min: 1, max: 999 })}`;
  if (country.code === "US") a.state = pick(f, pools.states);
  else if (country.states) a.state = pick(f, country.states);
  if (country.code === "US" && f.number.float() < 0.2) a.region = pick(f, pools.counties);
  if (attention !== undefined && f.number.float() < 0.5) a.attention = attention;
  return a;
}

function msisdn(f: Faker, country: Country): string {
  return `${country.dial}${f.number.int({ min: 2, max: 9 })}${digits(f, 9)}`;
}

export function companyName(f: Faker, pools: Pools): string {
  const roll = f.number.float();
  if (roll < 0.6) return `${pick(f, pools.lastNames)} ${pick(f, COMPANY_SUFFIXES)}`;
  if (roll < 0.85) return `${pick(f, pools.lastNames)} - ${pick(f, pools.lastNames)}`;
  return `${pick(f, pools.lastNames)}, ${pick(f, pools.lastNames)} and ${pick(f, pools.lastNames)}`;
}

function personName(f: Faker, pools: Pools): string {
  return `${pick(f, pools.firstNames)} ${pick(f, pools.lastNames)}`;
}

export function pick<T>(f: Faker, items: readonly T[]): T {
  return items[f.number.int({ max: items.length - 1 })];
}

function weighted<T extends { weight: number }>(f: Faker, items: readonly T[]): T {
  let roll = f.number.float({ max: items.reduce((sum, item) => sum + item.weight, 0) });
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const DASH = "-".charCodeAt(0);

/**
 * A version-4 UUID from four 32-bit draws, made as one flat string: faker's own uuid() is several times
 * slower, and building it by concatenation leaves a tree of string pieces per id, which 100,000 heads feel.
 */
export function uuid(f: Faker): string {
  const codes: number[] = [];
  for (let word = 0; word < 4; word++) {
    const n = f.number.int({ max: 0xffffffff });
    for (let shift = 28; shift >= 0; shift -= 4) {
      if (codes.length === 8 || codes.length === 13 || codes.length === 18 || codes.length === 23) codes.push(DASH);
      codes.push(HEX_CODES[(n >>> shift) & 0xf]);
    }
  }
  codes[14] = HEX_CODES[4];
  codes[19] = HEX_CODES[8 | (codes[19] & 0x3)];
  return String.fromCharCode(...codes);
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "")
    .toLowerCase();
}

/** faker's string.numeric and fromCharacters go through helpers.multiple, the most costly part of a record. */
function digits(f: Faker, length: number): string {
  return String(f.number.int({ max: 10 ** length - 1 })).padStart(length, "0");
}

function chars(f: Faker, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[f.number.int({ max: alphabet.length - 1 })];
  return out;
}

/** YYYYMMDD. */
function birthDate(f: Faker): string {
  const month = String(f.number.int({ min: 1, max: 12 })).padStart(2, "0");
  const day = String(f.number.int({ min: 1, max: 28 })).padStart(2, "0");
  return `${f.number.int({ min: 1940, max: 2005 })}${month}${day}`;
}

/** RFC 3339 in UTC with Z and whole seconds, as the vendor's timestamps are documented. */
function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
