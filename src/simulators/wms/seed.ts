import { Faker, en, type Randomizer } from "@faker-js/faker";
import { seededFaker } from "../seeded-faker.js";

/** The salt that keeps WMS's faker stream apart from the other vendors' under the same seed. */
const WMS_SALT = 2;

/**
 * One customer as the simulator keeps it. The fields a list needs for sorting and filtering are kept for
 * every customer; the rest (`detail`) is generated on first read from (seed, index), so that 100,000
 * customers seed in a fraction of a second and unread ones cost little memory. Once generated it is kept,
 * so writes persist.
 */
export interface CustomerRow {
  /** Position in the seeded list; null for customers created through POST /Customer. */
  readonly seedIndex: number | null;
  readonly shortID: string;
  name: string;
  active: boolean;
  /** Epoch milliseconds, whole seconds (the vendor writes datetimes to the second). */
  created: number;
  modified: number;
  detail: CustomerDetail | null;
}

export interface CustomerDetail {
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
  fax: string;
  email: string;
  contact: string;
}

const utc = (iso: string) => Date.parse(`${iso}Z`);

/** The doc's own example records, first in the seed, with exactly the doc's values. */
const DOC_EXAMPLES: ReadonlyArray<Omit<CustomerRow, "seedIndex"> & { detail: CustomerDetail }> = [
  {
    shortID: "ACME-CORP",
    name: "Acme Corporation",
    active: true,
    created: utc("2023-04-15T08:30:00"),
    modified: utc("2024-11-02T14:22:00"),
    detail: {
      address1: "123 Industrial Way",
      address2: "",
      city: "Springfield",
      state: "IL",
      zip: "62701",
      country: "US",
      phone: "555-0100",
      fax: "",
      email: "orders@acme.example.com",
      contact: "Jane Smith",
    },
  },
  {
    shortID: "BRIGHT-MFG",
    name: "Bright Manufacturing LLC",
    active: true,
    created: utc("2022-09-01T09:00:00"),
    modified: utc("2025-01-15T11:05:00"),
    detail: {
      address1: "88 Factory Rd",
      address2: "Suite 200",
      city: "Rockford",
      state: "IL",
      zip: "61101",
      country: "US",
      phone: "555-0201",
      fax: "555-0202",
      email: "inventory@brightmfg.example.com",
      contact: "Tom Briggs",
    },
  },
];

const CREATED_FROM = utc("2015-01-01T00:00:00") / 1000;
const CREATED_TO = utc("2024-12-31T23:59:59") / 1000;
/** Just before seededFaker's reference date, so that no seeded record is modified "in the future". */
const MODIFIED_TO = utc("2025-05-31T23:59:59") / 1000;

const ENTITY_CODES: Record<string, string> = { Group: "GRP", Inc: "INC", LLC: "LLC", "and Sons": "SONS" };

interface WordPools {
  /** Last names whose shortID sorts after BRIGHT-MFG (see seedCustomers). */
  leadNames: string[];
  lastNames: string[];
  firstNames: string[];
  entities: string[];
  cities: string[];
  states: string[];
  streetSuffixes: string[];
}

function wordPools(faker: Faker): WordPools {
  const d = faker.rawDefinitions;
  const need = (value: unknown, what: string): string[] => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
      throw new Error(`faker's en locale has no list ${what}`);
    }
    return value;
  };
  const lastNames = need(d.person?.last_name?.generic, "person.last_name");
  return {
    leadNames: lastNames.filter((n) => `${slug(n).slice(0, 8)}-` > "BRIGHT-MFG"),
    lastNames,
    firstNames: need(d.person?.first_name?.generic, "person.first_name"),
    entities: need(d.company?.legal_entity_type, "company.legal_entity_type"),
    cities: need(d.location?.city_name, "location.city_name"),
    states: need(d.location?.state_abbr, "location.state_abbr"),
    streetSuffixes: need(d.location?.street_suffix, "location.street_suffix"),
  };
}

function slug(word: string): string {
  return word.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/**
 * The seeded customers: the doc's examples, then faker customers. Their shortIDs all sort after BRIGHT-MFG,
 * so that in the default order (shortID ascending) the doc's two examples open page 1, as the doc's list
 * example shows. Every ninth faker customer is discontinued, so that even a small seed has some.
 */
export function seedCustomers(seed: number, size: number): CustomerRow[] {
  const faker = seededFaker(seed, WMS_SALT);
  const pools = wordPools(faker);
  const rows: CustomerRow[] = DOC_EXAMPLES.slice(0, size).map((example, index) => ({
    ...example,
    seedIndex: index,
    detail: { ...example.detail },
  }));
  const taken = new Map<string, number>();
  for (let index = rows.length; index < size; index++) {
    const lead = faker.helpers.arrayElement(pools.leadNames);
    const form = faker.number.int(2);
    let name: string;
    let second: string;
    if (form === 0) {
      const entity = faker.helpers.arrayElement(pools.entities);
      name = `${lead} ${entity}`;
      second = ENTITY_CODES[entity] ?? slug(entity).slice(0, 5);
    } else {
      const other = faker.helpers.arrayElement(pools.lastNames);
      name = form === 1 ? `${lead} - ${other}` : `${lead}, ${other} and ${faker.helpers.arrayElement(pools.lastNames)}`;
      second = slug(other).slice(0, 5);
    }
    // At most 8 + 1 + 5 characters, leaving room for "-99999" within the vendor's 20.
    const base = `${slug(lead).slice(0, 8)}-${second}`;
    const seen = taken.get(base) ?? 0;
    taken.set(base, seen + 1);
    const created = faker.number.int({ min: CREATED_FROM, max: CREATED_TO });
    const modified = faker.number.int({ min: created, max: MODIFIED_TO });
    rows.push({
      seedIndex: index,
      shortID: seen === 0 ? base : `${base}-${seen + 1}`,
      name,
      active: index % 9 !== 4,
      created: created * 1000,
      modified: modified * 1000,
      detail: null,
    });
  }
  return rows;
}

/**
 * Generates a seeded customer's detail from (seed, index) alone, whatever order customers are read in.
 * faker's default Mersenne Twister costs tens of microseconds to reseed, too slow to reseed per customer
 * on a 100,000-customer list, so this faker runs on a small counter-based generator that reseeds for free.
 */
export function createDetailGenerator(seed: number): (row: CustomerRow) => CustomerDetail {
  const faker = new Faker({ locale: [en], randomizer: counterRandomizer() });
  const pools = wordPools(faker);
  const fourDigits = () => String(faker.number.int(9999)).padStart(4, "0");
  return (row) => {
    faker.seed([seed, WMS_SALT, row.seedIndex ?? 0]);
    const pick = <T>(values: readonly T[]) => faker.helpers.arrayElement(values);
    // Some customers have no address at all, so that the connector meets records without a location.
    const hasAddress = faker.number.float() >= 0.08;
    const domain = (row.name.split(/[^A-Za-z]/)[0] || "customer").toLowerCase();
    return {
      address1: hasAddress ? `${faker.number.int({ min: 1, max: 9999 })} ${pick(pools.firstNames)} ${pick(pools.streetSuffixes)}` : "",
      address2:
        hasAddress && faker.number.float() < 0.25
          ? `${pick(["Suite", "Unit", "Building", "Dock"])} ${faker.number.int({ min: 1, max: 400 })}`
          : "",
      city: hasAddress ? pick(pools.cities) : "",
      state: hasAddress ? pick(pools.states) : "",
      zip: hasAddress ? String(faker.number.int({ min: 10000, max: 99999 })) : "",
      country: hasAddress ? "US" : "",
      phone: faker.number.float() < 0.9 ? `555-${fourDigits()}` : "",
      fax: faker.number.float() < 0.3 ? `555-${fourDigits()}` : "",
      email:
        faker.number.float() < 0.85
          ? `${pick(["orders", "inventory", "receiving", "shipping", "warehouse"])}@${domain}.example.com`
          : "",
      contact: faker.number.float() < 0.85 ? `${pick(pools.firstNames)} ${pick(pools.lastNames)}` : "",
    };
  };
}

/** mulberry32: 32 bits of state, so seeding is a hash and not a table fill. */
function counterRandomizer(): Randomizer {
  let state = 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed(seed) {
      let h = 0x811c9dc5;
      for (const part of Array.isArray(seed) ? seed : [seed]) {
        h = Math.imul(h ^ (part | 0), 0x01000193);
        h ^= h >>> 15;
      }
      state = h;
    },
  };
}
