import type { RequestMeter } from "../../budget/request-meter.js";
import type { Resilience } from "../../config.js";
import { ErrorCode, UserInputError, VendorError } from "../../errors.js";
import type { CustomerPatch, CustomerRecord, DetailField, FilterField } from "../../model.js";
import { mapBounded } from "../bounded-batch.js";
import type { Source, SourceWrites } from "../source.js";
import { RpmClient } from "./client.js";
import { rpmFreshness } from "./freshness.js";
import { customerFromDetail, customerFromSummary } from "./map.js";
import type { RpmCustomerEditRequest } from "./wire.js";

export interface RpmSourceOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Customer calls in flight at once when reading several customers' details. */
  concurrency: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
}

/** The RPM Source, with its client for callers that need RPM's own list Age (a change token). */
export interface RpmSource extends Source {
  readonly client: RpmClient;
}

/** CustomerEdit changes name, website, custom fields and (through the primary location) the address. */
const EDITABLE_FIELDS: ReadonlySet<keyof CustomerPatch> = new Set<keyof CustomerPatch>([
  "name",
  "website",
  "address",
  "customFields",
]);

/** RPM's Customers call takes no parameters: it filters nothing, so the graph applies every filter itself. */
const EXACT_FILTERS: ReadonlySet<FilterField> = new Set<FilterField>();

/** RPM's CustomerID is an Int32; the canonical text of one (no sign, no leading zeros) or null. */
function customerIdOf(id: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(id)) return null;
  const n = Number(id);
  return n <= 2_147_483_647 ? n : null;
}

export function createRpmSource(options: RpmSourceOptions): RpmSource {
  const client = new RpmClient(options);

  const writes: SourceWrites = {
    editableFields: EDITABLE_FIELDS,
    // CustomerEdit answers with the record as it stands: no read before or after.
    callsPerWrite: { edit: 1 },
    async edit(id: string, patch: CustomerPatch, meter?: RequestMeter): Promise<CustomerRecord> {
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined && !EDITABLE_FIELDS.has(field as keyof CustomerPatch)) {
          throw new UserInputError(
            `RPM cannot change ${field}; it can change ${[...EDITABLE_FIELDS].join(", ")}`,
            ["input", field],
          );
        }
      }
      const customerId = customerIdOf(id);
      if (customerId === null) {
        throw new VendorError(ErrorCode.NOT_FOUND, "RPM", `${JSON.stringify(id.slice(0, 40))} is not an RPM CustomerID`, {
          operation: "CustomerEdit",
        });
      }
      const edit: RpmCustomerEditRequest["Customer"] = { CustomerID: customerId };
      if (patch.name !== undefined) edit.Name = patch.name;
      if (patch.website !== undefined) edit.Website = patch.website;
      if (patch.address !== undefined) edit.Address = patch.address;
      // RPM clears a custom field by setting it to "" (it has no null).
      if (patch.customFields !== undefined) {
        edit.Fields = patch.customFields.map((f) => ({ Field: f.name, Value: f.value ?? "" }));
      }
      return customerFromDetail(await client.editCustomer({ Customer: edit }, meter));
    },
  };

  return {
    name: "RPM",
    // The Customers list has ids, names and dates only: anything more is one Customer call per customer.
    listRecordLacks: new Set<DetailField>(["website", "customFields", "contacts", "locations", "accounts"]),
    client,
    exactFilters: EXACT_FILTERS,
    acceptsKey: (id) => customerIdOf(id) !== null,
    paging: {
      model: "FULL_LIST",
      async listAll(_filter, meter) {
        const { customers } = await client.listCustomers(meter);
        return customers.map(customerFromSummary);
      },
    },
    async getCustomers(ids, shared) {
      // RPM has no batch read: one Customer call per distinct id, at most `concurrency` at once.
      const distinct = [...new Set(ids)];
      const results = await mapBounded(distinct, options.concurrency, async (id) => {
        const customerId = customerIdOf(id);
        if (customerId === null) return null; // cannot name an RPM customer, so there is none to ask for
        const detail = await client.getCustomer({ customerId }, {}, shared?.meter);
        return detail && customerFromDetail(detail);
      }, shared);
      const byId = new Map(distinct.map((id, k) => [id, results[k] ?? null]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    writes,
    freshness: rpmFreshness(client),
    healthy: () => client.healthy(),
    close: () => client.close(),
  };
}
