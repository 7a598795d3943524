import type { RequestMeter } from "../../budget/request-meter.js";
import type { Resilience } from "../../config.js";
import { ErrorCode, UserInputError, VendorError } from "../../errors.js";
import type { CustomerFilter, CustomerRecord, FilterField } from "../../model.js";
import { mapBounded, type RequestLimit } from "../bounded-batch.js";
import type { RelatedCall, Source } from "../source.js";
import { KometClient, type CustomerListParams } from "./client.js";
import { kometFreshness } from "./freshness.js";
import { mapContact, mapCustomer, mapShipTo } from "./map.js";
import type { KometCustomer } from "./wire.js";

export interface KometSourceOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  concurrency: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
}

/** A Komet key (customer or salesperson id) in the form Komet answers with; nothing else can match one. */
const KOMET_ID = /^[1-9]\d{0,19}$/;

/** customer.list's name holds at most 200 characters (the doc's string:200), so a longer search finds none. */
const NAME_MAX_LENGTH = 200;

/**
 * Komet has no single-customer call: one customer is customer.list?id=. Komet allows about 1000 calls a day
 * per user and counts every call the same whatever it returns, so n ids read one by one cost n calls of that
 * budget, while one whole-list read costs one call (but moves every customer, megabytes for a large book).
 * Up to this many ids, per-id reads stay small for at most two calls; beyond it the single read is cheaper
 * in the resource that runs out.
 */
export const MAX_PER_ID_READS = 2;

export function createKometSource(options: KometSourceOptions): Source {
  const client = new KometClient(options);

  async function listAll(filter: CustomerFilter, meter?: RequestMeter): Promise<CustomerRecord[]> {
    const params: CustomerListParams = {};
    if (filter.search) {
      if (filter.search.length > NAME_MAX_LENGTH) return [];
      params.name = filter.search;
    }
    if (filter.code !== undefined) {
      // Komet ignores an empty code (it would list everyone); no customer has the code "".
      if (filter.code === "") return [];
      params.code = filter.code;
    }
    if (filter.salesPersonId !== undefined) {
      // Komet refuses a non-integer salesPersonId, and no customer could match one: save the call.
      if (!KOMET_ID.test(filter.salesPersonId)) return [];
      params.salesPersonId = filter.salesPersonId;
    }
    // Komet lists active customers only unless told otherwise; it has no "inactive only", so active: false
    // reads all and the graph keeps the inactive ones.
    if (filter.active !== true) params.includeInactive = true;
    // updateAsOf is a date: it returns the whole day of updatedSince, and the graph narrows to the instant.
    if (filter.updatedSince !== undefined) params.updateAsOf = utcDate(filter.updatedSince);
    const customers = await client.listCustomers(params, meter);
    return customers.map(mapCustomer).filter((record) => matchesExactFilters(record, filter));
  }

  async function readOne(id: string, meter: RequestMeter | undefined): Promise<CustomerRecord | null> {
    try {
      const customers = await client.listCustomers({ id, includeInactive: true }, meter);
      return pick(customers, id);
    } catch (err) {
      if (err instanceof VendorError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
  }

  async function getCustomers(ids: readonly string[], shared?: RequestLimit): Promise<Array<CustomerRecord | null | Error>> {
    const wanted = [...new Set(ids.filter((id) => KOMET_ID.test(id)))];
    const found = new Map<string, CustomerRecord | null | Error>();
    if (wanted.length > MAX_PER_ID_READS) {
      try {
        const byId = new Map((await client.listCustomers({ includeInactive: true }, shared?.meter)).map((c) => [c.id, c]));
        for (const id of wanted) {
          const customer = byId.get(id);
          found.set(id, customer ? mapCustomer(customer) : null);
        }
      } catch (err) {
        for (const id of wanted) found.set(id, asError(err));
      }
    } else {
      const results = await mapBounded(wanted, options.concurrency, (id) => readOne(id, shared?.meter), shared);
      wanted.forEach((id, i) => found.set(id, results[i]));
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /** One call per distinct customer, bounded; a failure costs only its own customer. */
  function perCustomer<T>(read: (customerId: string, meter: RequestMeter | undefined) => Promise<T[]>): RelatedCall<T> {
    return async (customerIds, shared) => {
      const unique = [...new Set(customerIds)];
      const results = await mapBounded(unique, options.concurrency, (id) =>
        KOMET_ID.test(id)
          ? read(id, shared?.meter)
          : Promise.reject(new VendorError(ErrorCode.NOT_FOUND, "KOMET", `no Komet customer has the id ${JSON.stringify(id)}`)),
        shared,
      );
      const byId = new Map(unique.map((id, i) => [id, results[i]]));
      return customerIds.map((id) => byId.get(id) ?? new Error(`no result for customer ${id}`));
    };
  }

  return {
    name: "KOMET",
    paging: { model: "FULL_LIST", listAll },
    exactFilters: new Set<FilterField>(["code", "salesPersonId", "search"]),
    getCustomers,
    // Komet's customer id is an integer (docs: "id": 25475); read in its canonical decimal form.
    acceptsKey: (id) => KOMET_ID.test(id),
    relatedCalls: {
      contacts: perCustomer(async (id, meter) => (await client.listContacts(id, meter)).map(mapContact)),
      locations: perCustomer(async (id, meter) => (await client.listShipTos(id, meter)).map(mapShipTo)),
    },
    freshness: kometFreshness(client),
    healthy: () => client.healthy(),
    close: () => client.close(),
  };
}

/**
 * Komet's name filter is a SQL LIKE, where % and _ in the search are wildcards, so it may return a superset of
 * the unified substring; narrowing here (with the unified, case-insensitive meaning of every text filter, as
 * Komet's doc says of its own: "Filters are not case-sensitive") keeps exactFilters' promise against the real
 * vendor too.
 */
function matchesExactFilters(record: CustomerRecord, filter: CustomerFilter): boolean {
  return (
    (filter.code === undefined || record.code?.toLowerCase() === filter.code.toLowerCase()) &&
    (!filter.search || record.name.toLowerCase().includes(filter.search.toLowerCase())) &&
    (filter.salesPersonId === undefined || record.salesPerson?.id === filter.salesPersonId)
  );
}

/** A list asked by id should hold only that customer; checking the id guards against a filter ignored. */
function pick(customers: readonly KometCustomer[], id: string): CustomerRecord | null {
  const customer = customers.find((c) => c.id === id);
  return customer ? mapCustomer(customer) : null;
}

function utcDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new UserInputError("updatedSince must be a valid date", ["filter", "updatedSince"]);
  return date.toISOString().slice(0, 10);
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
