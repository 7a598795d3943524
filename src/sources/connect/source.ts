import type { Resilience } from "../../config.js";
import type { CustomerRecord, FilterField } from "../../model.js";
import { mapBounded } from "../bounded-batch.js";
import type { Source } from "../source.js";
import { ConnectClient } from "./client.js";
import { toCustomerRecord } from "./map.js";
import { isOpaqueKey } from "../opaque-key.js";

export interface ConnectSourceOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Most GET /customers/{id} calls in flight at once for one getCustomers batch. */
  concurrency: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
}

/** The longest customerId the graph sends: the docs say only "string", and this one goes into the URL path. */
export const CONNECT_CUSTOMER_ID_MAX = 100;

/** The docs: "1 <= x <= 1000". */
export const CONNECT_MAX_LIMIT = 1000;

/**
 * The Connect API as a Source: forward-only cursor paging (NEXT_CURSOR) and one GET per customer, since the
 * vendor has no batch read. Read-only in this product (the vendor's POST /customers is not used), so
 * `writes` is absent and the graph answers READ_ONLY_SOURCE itself.
 */
const acceptsKey = (id: string) => isOpaqueKey(id, CONNECT_CUSTOMER_ID_MAX);

export function createConnectSource(options: ConnectSourceOptions): Source {
  const client = new ConnectClient(options);
  return {
    name: "CONNECT",
    paging: {
      model: "NEXT_CURSOR",
      maxLimit: CONNECT_MAX_LIMIT,
      async listAfter(filter, cursor, limit, meter) {
        const page = await client.listCustomers({ search: filter.search, limit, cursor }, meter);
        return { records: page.items.map(toCustomerRecord), nextCursor: page.nextCursor };
      },
    },
    // The project's decision: Connect's search is taken as the unified name substring. The simulator matches
    // exactly that; the real vendor's free-text search may match more fields, which the graph would then show.
    exactFilters: new Set<FilterField>(["search"]),
    acceptsKey,
    async getCustomers(ids, shared) {
      // The graph's DataLoader already de-duplicates, but other callers may not: one vendor call per distinct id.
      // A key that cannot be one names no customer: no call for it.
      const unique = [...new Set(ids.filter(acceptsKey))];
      const found = await mapBounded(unique, options.concurrency, async (id): Promise<CustomerRecord | null> => {
        const customer = await client.getCustomer(id, shared?.meter);
        return customer ? toCustomerRecord(customer) : null;
      }, shared);
      const byId = new Map(unique.map((id, i) => [id, found[i]]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    healthy: () => client.healthy(),
    close: () => client.close(),
  };
}
