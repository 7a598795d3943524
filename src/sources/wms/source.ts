import { LRUCache } from "lru-cache";
import type { RequestMeter } from "../../budget/request-meter.js";
import type { Resilience } from "../../config.js";
import { ErrorCode, UserInputError, VendorError } from "../../errors.js";
import type { CustomerPatch, CustomerRecord, FilterField } from "../../model.js";
import { mapBounded } from "../bounded-batch.js";
import { isOpaqueKey } from "../opaque-key.js";
import type { Source, SourceWrites } from "../source.js";
import { createInProcessState } from "../../state/in-process-state.js";
import type { SharedState } from "../../state/shared-state.js";
import { WmsClient } from "./client.js";
import { wmsFreshness } from "./freshness.js";
import { customerFromWms, formatWmsDateTime, inputFromPatch, inputFromUpsert, inputFromWms } from "./map.js";
import type { WmsCustomer } from "./wire.js";

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
  /**
   * Where edits of one customer take turns (withLock), across instances when it is shared (Redis); this
   * process only when absent.
   */
  sharedState?: SharedState;
}

/**
 * How often an edit reads the record again when WMS's `modified` moved between its read and its write (someone
 * else saved the customer meanwhile); after that the edit is refused as a conflict rather than overwrite.
 */
const EDIT_MERGE_ATTEMPTS = 3;

/**
 * WMS records kept as last read or written (a list page's too), for an edit to merge over instead of reading the
 * record first: the `modified` re-check before the save tells whether one is still the vendor's.
 */
const RECORDS_IN_HAND = 2_000;

/** The longest shortID the graph sends: the docs say only "string", and this one goes into the URL path. */
export const WMS_SHORT_ID_MAX = 100;

const acceptsKey = (id: string) => isOpaqueKey(id, WMS_SHORT_ID_MAX);

/** The lock edits and upserts of one customer take turns by (shortIDs are case-sensitive at WMS). */
const editLockKey = (shortId: string) => `wms:edit:${shortId}`;

/** A key that cannot be a shortID names no customer: refused as WMS would, without asking it. */
function noSuchCustomer(id: string): VendorError {
  return new VendorError(ErrorCode.NOT_FOUND, "WMS", `${JSON.stringify(id.slice(0, 40))} cannot be a WMS shortID`);
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
  const sharedState = options.sharedState ?? createInProcessState();
  // Long enough for an edit's reads and write with their retries; frees the lock if its holder dies.
  const editLockTtlMs = options.timeoutMs * 2 * (EDIT_MERGE_ATTEMPTS + 1);
  const inHand = new LRUCache<string, WmsCustomer>({ max: RECORDS_IN_HAND });
  // Without `modified` the re-check could not tell an old record from the vendor's: such a record is read anew.
  const remember = (record: WmsCustomer) => {
    if (record.modified) inHand.set(record.shortID, record);
    return record;
  };

  const read = async (id: string, meter: RequestMeter | undefined): Promise<CustomerRecord | null> => {
    if (!acceptsKey(id)) return null;
    try {
      return customerFromWms(remember(await client.getCustomer(id, meter)));
    } catch (err) {
      if (err instanceof VendorError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
  };

  return {
    name: "WMS",
    // A request may have to fetch the OAuth token first (one per token lifetime, shared by every request).
    authCalls: 1,
    // modifiedSince is the only list filter WMS has, and it means exactly updatedSince (modified >= it).
    exactFilters: new Set<FilterField>(["updatedSince"]),
    acceptsKey,
    paging: {
      model: "PAGE_NUMBER",
      maxPageSize: WMS_MAX_PAGE_SIZE,
      async listPage(filter, page, pageSize, meter) {
        if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number >= 1, got ${page}`);
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > WMS_MAX_PAGE_SIZE) {
          throw new RangeError(`pageSize must be a whole number from 1 to ${WMS_MAX_PAGE_SIZE}, got ${pageSize}`);
        }
        const body = await client.listCustomers({
          page,
          pageSize,
          modifiedSince: filter.updatedSince ? formatWmsDateTime(filter.updatedSince) : undefined,
        }, meter);
        return { records: body.value.map((record) => customerFromWms(remember(record))), totalCount: body.totalCount };
      },
    },

    async getCustomers(ids, shared) {
      // One call per distinct key, however often it is asked for.
      const unique = [...new Set(ids)];
      const results = await mapBounded(unique, options.concurrency, (id) => read(id, shared?.meter), shared);
      const byId = new Map(unique.map((id, i) => [id, results[i]]));
      return ids.map((id) => byId.get(id) ?? null);
    },

    writes: {
      editableFields: EDITABLE_FIELDS,
      // edit: a read (none when the record is in hand), a re-read per merge attempt, then the upsert; discontinue:
      // DELETE, then read the record.
      callsPerWrite: { edit: 2 + EDIT_MERGE_ATTEMPTS, upsert: 1, discontinue: 2 },
      // GET /Customer/All holds discontinued customers too, ordered by shortID, which no write changes.
      unfilteredListsOrderedByKey: true,

      /**
       * Saves the record whole with the changes over it: the docs do not say whether the upsert clears fields
       * left out of its body, and resending them keeps every field either way. The merge is over the record in
       * hand (as this instance last read or wrote it) or, lacking one, a fresh read. WMS has no conditional
       * write, so a read-merge-write could lose a concurrent edit: edits of one customer take turns through the
       * shared lock, and just before the write the record's `modified` is read again; if it moved, the merge is
       * redone over the newer record. What remains possible: a save at WMS itself (its console,
       * another integration) after that last read and before the write, or within the same second as the read
       * (WMS keeps `modified` to the second); docs/security.md says so.
       */
      async edit(id, patch, meter) {
        const refused = (Object.keys(patch) as Array<keyof CustomerPatch>).filter(
          (field) => patch[field] !== undefined && !EDITABLE_FIELDS.has(field),
        );
        if (refused.length > 0) {
          throw new UserInputError(`WMS cannot change ${refused.join(", ")}`, ["input", refused[0]]);
        }
        if (!acceptsKey(id)) throw noSuchCustomer(id);
        return sharedState.withLock(editLockKey(id), editLockTtlMs, async () => {
          let current = inHand.get(id) ?? (await client.getCustomer(id, meter));
          for (let attempt = 1; attempt <= EDIT_MERGE_ATTEMPTS; attempt++) {
            const merged = { ...inputFromWms(current), ...inputFromPatch(patch) };
            const latest = remember(await client.getCustomer(id, meter));
            if (latest.modified === current.modified) {
              const { customer } = await client.saveCustomer(merged, meter);
              return customerFromWms(remember(customer));
            }
            current = latest;
          }
          throw new VendorError(ErrorCode.CONFLICT, "WMS", `customer ${JSON.stringify(id)} kept changing while being edited`);
        });
      },

      // Under the edits' lock: an upsert landing between an edit's last read and its write would be overwritten by
      // the fields the edit resends.
      upsert: (input, meter) =>
        sharedState.withLock(editLockKey(input.shortId), editLockTtlMs, async () => {
          const { customer, created } = await client.saveCustomer(inputFromUpsert(input), meter);
          return { record: customerFromWms(remember(customer)), created };
        }),

      async discontinue(id, meter) {
        if (!acceptsKey(id)) throw noSuchCustomer(id);
        await client.discontinueCustomer(id, meter);
        return customerFromWms(remember(await client.getCustomer(id, meter)));
      },
    },

    freshness: wmsFreshness(client, WMS_MAX_PAGE_SIZE),
    healthy: () => client.healthy(),
    close: () => client.close(),
  };
}
