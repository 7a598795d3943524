import type { RequestMeter } from "../budget/request-meter.js";
import type {
  CustomerFilter,
  CustomerPatch,
  CustomerRecord,
  CustomerUpsert,
  DetailField,
  FilterField,
  RelatedKind,
  RelatedRecords,
  SourceName,
} from "../model.js";
import type { RequestLimit } from "./bounded-batch.js";

/**
 * The one seam between the graph and a vendor. Above it everything speaks the unified model; below it each
 * vendor speaks its own wire format. A Source declares what its API can do and the generic layers
 * (src/pagination, src/loaders.ts) decide how to use it.
 *
 * Every method that can call the vendor takes the request's meter (`meter`, or `shared.meter` for the batch
 * reads), which each of its calls on the wire is charged to (src/budget/); absent outside any request.
 */
export interface Source {
  readonly name: SourceName;
  readonly paging: Paging;
  /**
   * Filters the vendor applies with exactly the unified meaning. Any other filter is applied locally, which
   * for a paged vendor means reading the whole (vendor-narrowed) list.
   */
  readonly exactFilters: ReadonlySet<FilterField>;
  /**
   * Reads customers by the vendor's key, in the order asked; null where the vendor has no such customer.
   * The result carries every detail field the vendor has (website, customFields, and any related list
   * that comes with the record). Batching and bounded concurrency are the source's own business; `shared`, when
   * given, is the request's bound on this vendor's calls in flight, which every batch of the request shares, and
   * its meter.
   */
  getCustomers(ids: readonly string[], shared?: RequestLimit): Promise<Array<CustomerRecord | null | Error>>;
  /**
   * Whether `id` can be one of this vendor's customer keys (the vendor's documented form, or for a key the docs
   * call just "a string", not something that would change the URL it goes into). The graph answers a key it
   * refuses as no customer (null, NOT_FOUND for a write) without calling the vendor.
   */
  acceptsKey(id: string): boolean;
  /**
   * Related lists the vendor serves from calls of their own (Komet's contact and ship-to lists), batched by
   * customer key. A kind not named here comes with the customer record, from the list or the detail read.
   */
  readonly relatedCalls?: { [K in RelatedKind]?: RelatedCall<RelatedRecords[K]> };
  /**
   * Detail fields a list record lacks, so that each customer needs a detail read of its own for them (RPM's
   * Customers list has no website, custom fields or related lists). Absent: list records carry everything
   * except what `relatedCalls` serves. Read by the vendor-call estimate (src/limits/vendor-call-estimate.ts).
   */
  readonly listRecordLacks?: ReadonlySet<DetailField>;
  /** Calls a request may make beside its reads (WMS: one OAuth token request), for the vendor-call estimate. */
  readonly authCalls?: number;
  /** Absent when the vendor offers no writes: the graph then answers READ_ONLY_SOURCE without calling it. */
  readonly writes?: SourceWrites;
  /**
   * Absent when the vendor offers no change token: a response cache then re-reads once its entries expire.
   * Present, it lets the cache ask in one cheap call whether its expired entries still hold.
   */
  readonly freshness?: SourceFreshness;
  /** Is the vendor answering right now (last call's outcome, circuit state). */
  healthy(): boolean;
  /** At shutdown: closes the vendor's keep-alive connections once the calls in flight are done. */
  close?(): Promise<void>;
}

/**
 * `shared`: the request's bound on this vendor's calls in flight, shared by all its batches, and its meter
 * (bounded-batch.ts).
 */
export type RelatedCall<T> = (customerIds: readonly string[], shared?: RequestLimit) => Promise<Array<T[] | Error>>;

export type PaginationModel = Paging["model"];
export type Paging = FullListPaging | PageNumberPaging | NextCursorPaging;

/** The vendor returns its whole (filtered) list in one answer. */
export interface FullListPaging {
  readonly model: "FULL_LIST";
  listAll(filter: CustomerFilter, meter?: RequestMeter): Promise<CustomerRecord[]>;
}

/** The vendor pages by 1-based page number and reports its total. */
export interface PageNumberPaging {
  readonly model: "PAGE_NUMBER";
  readonly maxPageSize: number;
  listPage(
    filter: CustomerFilter,
    page: number,
    pageSize: number,
    meter?: RequestMeter,
  ): Promise<{ records: CustomerRecord[]; totalCount: number }>;
}

/** The vendor pages forward only, with an opaque cursor that is absent on the last page. */
export interface NextCursorPaging {
  readonly model: "NEXT_CURSOR";
  readonly maxLimit: number;
  listAfter(
    filter: CustomerFilter,
    cursor: string | null,
    limit: number,
    meter?: RequestMeter,
  ): Promise<{ records: CustomerRecord[]; nextCursor: string | null }>;
}

export interface SourceWrites {
  /** The CustomerPatch fields this vendor can change; the graph refuses others as INVALID before calling. */
  readonly editableFields: ReadonlySet<keyof CustomerPatch>;
  /** The most vendor calls each write makes (a read-merge-upsert is two), for the vendor-call estimate. */
  readonly callsPerWrite: { readonly edit: number; readonly upsert?: number; readonly discontinue?: number };
  edit(id: string, patch: CustomerPatch, meter?: RequestMeter): Promise<CustomerRecord>;
  /** Absent when the vendor has no upsert. */
  upsert?(input: CustomerUpsert, meter?: RequestMeter): Promise<{ record: CustomerRecord; created: boolean }>;
  /** Absent when the vendor has no discontinue. Returns the record as it stands afterwards. */
  discontinue?(id: string, meter?: RequestMeter): Promise<CustomerRecord>;
  /**
   * The vendor's unfiltered lists hold every customer (inactive ones too) in the order of their keys, so a write
   * that creates no customer leaves each of them as it was but for that customer's record: the response cache
   * then puts the write's answer into its cached unfiltered lists instead of dropping them.
   */
  readonly unfilteredListsOrderedByKey?: boolean;
}

/** How a vendor tells what changed, in the unified terms of the response cache (src/sources/cache/). */
export interface SourceFreshness {
  /**
   * What changed at the vendor since `since` (this service's clock), asked in one call. It may report a change
   * that did not happen (a margin for clock skew and the vendor's time granularity), never miss one it can see.
   */
  changesSince(since: Date, meter?: RequestMeter): Promise<VendorChanges>;
}

/**
 * `unchanged`: every answer read since then still holds. `changed`: lists must be read again; `customers` names
 * the customers (vendor keys) whose records changed, the others' records still hold, or is null when the vendor
 * cannot tell which (every record is read again).
 */
export type VendorChanges = { readonly kind: "unchanged" } | { readonly kind: "changed"; readonly customers: ReadonlySet<string> | null };
