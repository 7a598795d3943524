import type { Faker } from "@faker-js/faker";
import { seededFaker } from "../seeded-faker.js";

/** One customer as the simulator keeps it; `null` means the key is absent from the answer, as in the docs. */
export interface KometCustomerRow {
  id: number;
  accountingCode: string | null;
  customerType: string;
  salesPerson: string | null;
  salesPersonId: number | null;
  name: string;
  active: boolean;
  code: string;
  updatedOn: string;
  /** Only a filter: customer.list's documented output has no locationId, so it is never sent. */
  locationId: number;
}

/**
 * A contact as Komet's published customer.contact.list answers it: the id and emailPOD typed as in its sample
 * (a number, a boolean), every other value a string, "" where there is none.
 */
export interface KometContactWire {
  id: number;
  name: string;
  type: string;
  phone: string;
  ext: string;
  mobile: string;
  fax: string;
  email: string;
  description: string;
  instantMessaging: string;
  emailPOD: boolean;
}

/** A ship-to as the published customer.shipto.list lists its fields (ids as numbers, the rest strings). */
export interface KometShipToWire {
  id: number;
  shipToCode: string;
  name: string;
  address: string;
  city: string;
  state: string;
  zipcode: string;
  country: string;
  phone: string;
  fax: string;
  carrierId: number;
  carrierName: string;
  carrierAccount: string;
  carrierCode: string;
  updatedAsOf: string;
}

interface CustomerDetail {
  contacts: KometContactWire[];
  shipTos: KometShipToWire[];
}

const LIST_SALT = 3;
const DETAIL_SALT = 33;

/** Komet's Multi-Location mode: the location ids a customer may belong to. */
export const KOMET_LOCATION_IDS = [1, 2, 3] as const;

/** The two customers of the customer.list doc's sample response, with its exact values. */
const DOC_CUSTOMERS: readonly KometCustomerRow[] = [
  {
    id: 25475,
    accountingCode: "ACC10",
    customerType: "PART-TIME FLORIST",
    salesPerson: "Julian Mejía",
    name: "2-14 BRIDAL CAKES",
    salesPersonId: 1819,
    active: true,
    code: "T3526",
    updatedOn: "2017-08-02T12:15:17",
    locationId: 1,
  },
  {
    // The doc's sample has no accountingCode or salesPerson keys, and customerType twice ("" then
    // "Retailer"); a JSON reader keeps the last, so "Retailer" it is.
    id: 29775,
    accountingCode: null,
    customerType: "Retailer",
    salesPerson: null,
    name: "Flores SAS",
    salesPersonId: 23423,
    active: true,
    code: "ASS",
    updatedOn: "2017-09-15T17:02:50",
    locationId: 1,
  },
];

const CUSTOMER_TYPES = ["Retailer", "Wholesaler", "PART-TIME FLORIST", "Supermarket", "Event Planner", ""] as const;
const TRADE_WORDS = ["Flowers", "Florist", "Floral Design", "Blooms", "Garden Center", "Events", "Bridal", "Market",
  "Petals", "Wholesale Flowers", "Greenhouse", "Bouquets"] as const;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The simulator's customers: the list-level fields of all of them in memory, seeded at once; contacts and
 * ship-tos generated on first read from a faker seeded by (seed, customer index), so that 100,000
 * customers seed fast and any one customer's detail does not depend on which others were read first.
 */
export class KometStore {
  readonly customers: readonly KometCustomerRow[];
  private readonly indexById: Map<number, number>;
  private readonly details = new Map<number, CustomerDetail>();
  private readonly detailFaker: Faker;

  constructor(
    private readonly seed: number,
    size: number,
  ) {
    this.customers = seedCustomers(seed, size);
    this.indexById = new Map(this.customers.map((c, i) => [c.id, i]));
    this.detailFaker = seededFaker(seed, DETAIL_SALT);
  }

  byId(id: number): KometCustomerRow | undefined {
    const index = this.indexById.get(id);
    return index === undefined ? undefined : this.customers[index];
  }

  contacts(customerId: number): KometContactWire[] | undefined {
    return this.detail(customerId)?.contacts;
  }

  shipTos(customerId: number): KometShipToWire[] | undefined {
    return this.detail(customerId)?.shipTos;
  }

  private detail(customerId: number): CustomerDetail | undefined {
    const index = this.indexById.get(customerId);
    if (index === undefined) return undefined;
    let detail = this.details.get(index);
    if (!detail) {
      this.detailFaker.seed([this.seed, DETAIL_SALT, index]);
      detail = generateDetail(this.detailFaker, this.customers[index]);
      this.details.set(index, detail);
    }
    return detail;
  }
}

function seedCustomers(seed: number, size: number): KometCustomerRow[] {
  const faker = seededFaker(seed, LIST_SALT);
  const rows = DOC_CUSTOMERS.slice(0, size).map((c) => ({ ...c }));
  // A handful of salespeople shared among customers, the doc's two among them; the doc never names 23423.
  const salesPeople: Array<{ id: number; name: string | null }> = [
    { id: 1819, name: "Julian Mejía" },
    { id: 23423, name: null },
    ...faker.helpers
      .uniqueArray(() => faker.number.int({ min: 1000, max: 40000 }), 4)
      .filter((id) => id !== 1819 && id !== 23423)
      .map((id) => ({ id, name: faker.person.fullName() })),
  ];
  // faker.company.name() alone would take most of the 3 s budget at 100,000 customers; names composed from a
  // small surname pool cost almost nothing and still repeat words, so name searches find several customers.
  const surnames = faker.helpers.uniqueArray(() => faker.person.lastName(), 400);
  const from = Date.parse("2016-01-01T00:00:00Z") / 1000;
  const to = Date.parse("2025-05-31T23:59:59Z") / 1000;
  let id = DOC_CUSTOMERS[DOC_CUSTOMERS.length - 1].id;
  for (let i = rows.length; i < size; i++) {
    id += faker.number.int({ min: 1, max: 5 });
    const company = faker.datatype.boolean(0.25)
      ? `${faker.helpers.arrayElement(surnames)} & ${faker.helpers.arrayElement(surnames)} ${faker.helpers.arrayElement(TRADE_WORDS)}`
      : `${faker.helpers.arrayElement(surnames)} ${faker.helpers.arrayElement(TRADE_WORDS)}`;
    const salesPerson = faker.datatype.boolean(0.9) ? faker.helpers.arrayElement(salesPeople) : null;
    rows.push({
      id,
      accountingCode: faker.datatype.boolean(0.8) ? `ACC${faker.number.int({ min: 1, max: 9999 })}` : null,
      customerType: faker.helpers.arrayElement(CUSTOMER_TYPES),
      salesPerson: salesPerson?.name ?? null,
      salesPersonId: salesPerson?.id ?? null,
      // Komet users often type names in capitals, as the doc's first sample shows.
      name: faker.datatype.boolean(0.3) ? company.toUpperCase() : company,
      active: faker.datatype.boolean(0.85),
      // The id keeps codes unique within Komet's 10 characters; two letters keep them apart from the docs'.
      code: LETTERS[faker.number.int(25)] + LETTERS[faker.number.int(25)] + String(id),
      updatedOn: new Date(faker.number.int({ min: from, max: to }) * 1000).toISOString().slice(0, 19),
      locationId: faker.helpers.arrayElement(KOMET_LOCATION_IDS),
    });
  }
  return rows;
}

const CONTACT_TYPES = ["Buyer", "A/P", "Owner", "Receiving", "Sales"] as const;
const CARRIERS = [
  { carrierId: 11, carrierName: "FedEx", carrierCode: "FDX" },
  { carrierId: 12, carrierName: "UPS", carrierCode: "UPS" },
  { carrierId: 13, carrierName: "Armellini Express Lines", carrierCode: "ARM" },
] as const;

function generateDetail(faker: Faker, customer: KometCustomerRow): CustomerDetail {
  const maybe = (chance: number, value: () => string) => (faker.datatype.boolean(chance) ? value() : "");
  const contactCount = faker.helpers.weightedArrayElement([
    { weight: 2, value: 0 },
    { weight: 4, value: 1 },
    { weight: 3, value: 2 },
    { weight: 1, value: 3 },
  ]);
  const contacts = Array.from({ length: contactCount }, (_, k): KometContactWire => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const phone = maybe(0.75, () => faker.phone.number({ style: "national" }));
    return {
      id: customer.id * 10 + k + 1,
      // One in twenty has no name, as a contact entered by its email alone.
      name: faker.datatype.boolean(0.95) ? `${firstName} ${lastName}` : "",
      type: maybe(0.8, () => faker.helpers.arrayElement(CONTACT_TYPES)),
      phone,
      ext: phone === "" ? "" : maybe(0.3, () => String(faker.number.int({ min: 100, max: 999 }))),
      mobile: maybe(0.4, () => faker.phone.number({ style: "national" })),
      fax: maybe(0.15, () => faker.phone.number({ style: "national" })),
      email: faker.internet.email({ firstName, lastName }).toLowerCase(),
      description: maybe(0.2, () => faker.lorem.sentence({ min: 2, max: 5 })),
      instantMessaging: "",
      emailPOD: faker.datatype.boolean(0.3),
    };
  });
  const shipToCount = faker.helpers.weightedArrayElement([
    { weight: 1, value: 0 },
    { weight: 5, value: 1 },
    { weight: 3, value: 2 },
    { weight: 1, value: 3 },
  ]);
  const shipTos = Array.from({ length: shipToCount }, (_, k): KometShipToWire => {
    const city = faker.location.city();
    const carrier = faker.helpers.arrayElement(CARRIERS);
    return {
      id: customer.id * 10 + k + 1,
      shipToCode: `${customer.code}-${k + 1}`.slice(0, 50),
      name: k === 0 ? "Main" : `${city} ${faker.helpers.arrayElement(["Store", "Warehouse", "Shop"])}`,
      address: faker.location.streetAddress(),
      city,
      state: faker.location.state({ abbreviated: true }),
      zipcode: faker.location.zipCode("#####"),
      country: "US",
      phone: maybe(0.6, () => faker.phone.number({ style: "national" })),
      fax: maybe(0.1, () => faker.phone.number({ style: "national" })),
      ...carrier,
      carrierAccount: maybe(0.5, () => faker.string.numeric(8)),
      // A day from the customer's own last update on: a ship-to is added to a customer that exists.
      updatedAsOf: faker.date.between({ from: `${customer.updatedOn}Z`, to: "2025-05-31T23:59:59Z" }).toISOString().slice(0, 10),
    };
  });
  return { contacts, shipTos };
}
