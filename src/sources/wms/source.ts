import type { Resilience } from "../../config.js";
import { ErrorCode, UserInputError, VendorError } from "../../errors.js";
import type { CustomerPatch, CustomerRecord, FilterField } from "../../model.js";
import { mapBounded } from "../bounded-batch.js";
import type { Source, SourceWrites } from "../source.js";
import type { SharedState } from "../../shared-state/shared-state.js";
import { WmsClient } from "./client.js";
import { wmsFreshness } from "./freshness.js";
import { customerFromWms, formatWmsDateTime, inputFromPatch, inputFromUpsert, inputFromWms } from "./map.js";

export interface WmsSourceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** Most GET /Customer/{id} calls in flight at once for one getCustomers. */
  concurrency: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
  /** The clock tokens expire by; tests move it forward. */
  now?: () => number;
  /** Where every instance finds the OAuth token; this process only when absent. */
  sharedState?: SharedState;
}

/** WMS pages cap at 250 (pagination page); a larger pageSize would be cut silently. */
export const WMS_MAX_PAGE_SIZE = 250;

const EDITABLE_FIELDS: ReadonlySet<keyof CustomerPatch> = new Set(["name", "address", "email", "phone"]);

export type WmsSource = Source & { readonly writes: Required<SourceWrites> };

/**
 * The warehouse system as a Source: PAGE_NUMBER paging over GET /Customer/All, one GET per customer for
 * detail reads (it has no batch read), and writes through the upsert (POST /Customer) and DELETE.
 */
export function createWmsSource(options: WmsSourceOptions): WmsSource {
  const client = new WmsClient(options);

  const read = async (id: string): Promise<CustomerRecord | null> => {
    try {
      return customerFromWms(await client.getCustomer(id));
    } catch (err) {
      if (err instanceof VendorError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
  };

  return {
    name: "WMS",
    // modifiedSince is the only list filter WMS has, and it means exactly updatedSince (modified >= it).
    exactFilters: new Set<FilterField>(["updatedSince"]),
    paging: {
      model: "PAGE_NUMBER",
      maxPageSize: WMS_MAX_PAGE_SIZE,
      async listPage(filter, page, pageSize) {
        if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number >= 1, got ${page}`);
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > WMS_MAX_PAGE_SIZE) {
          throw new RangeError(`pageSize must be a whole number from 1 to ${WMS_MAX_PAGE_SIZE}, got ${pageSize}`);
        }
        const body = await client.listCustomers({
          page,
          pageSize,
          modifiedSince: filter.updatedSince ? formatWmsDateTime(filter.updatedSince) : undefined,
        });
        return { records: body.value.map(customerFromWms), totalCount: body.totalCount };
      },
    },

    async getCustomers(ids, shared) {
      // One call per distinct key, however often it is asked for.
      const unique = [...new Set(ids)];
      const results = await mapBounded(unique, options.concurrency, read, shared);
      const byId = new Map(unique.map((id, i) => [id, results[i]]));
      return ids.map((id) => byId.get(id) ?? null);
    },

    writes: {
      editableFields: EDITABLE_FIELDS,

      /**
       * Reads the record and saves it whole with the changes over it: the docs do not say whether the upsert
       * clears fields left out of its body, and resending them keeps every field either way.
       */
      async edit(id, patch) {
        const refused = (Object.keys(patch) as Array<keyof CustomerPatch>).filter(
          (field) => patch[field] !== undefined && !EDITABLE_FIELDS.has(field),
        );
        if (refused.length > 0) {
          throw new UserInputError(`WMS cannot change ${refused.join(", ")}`, ["input", refused[0]]);
        }
        const current = await client.getCustomer(id);
        const { customer } = await client.saveCustomer({ ...inputFromWms(current), ...inputFromPatch(patch) });
        return customerFromWms(customer);
      },

      async upsert(input) {
        const { customer, created } = await client.saveCustomer(inputFromUpsert(input));
        return { record: customerFromWms(customer), created };
      },

      async discontinue(id) {
        await client.discontinueCustomer(id);
        return customerFromWms(await client.getCustomer(id));
      },
    },

    freshness: wmsFreshness(client, WMS_MAX_PAGE_SIZE),
    healthy: () => client.healthy(),
    close: () => client.close(),
  };
}
