import DataLoader from "dataloader";
import { allOf } from "./customer-sequence.js";
import type { RequestMeter } from "./budget/request-meter.js";
import type { CustomerRecord, DetailField, RelatedKind, RelatedRecords, SourceName } from "./model.js";
import { ArraySequence } from "./pagination/array-sequence.js";
import type { RecordSequence } from "./pagination/record-sequence.js";
import type { RequestLimit } from "./sources/bounded-batch.js";
import type { Source } from "./sources/source.js";

/** A customer's key across sources: "<SOURCE>:<vendor id>" (source names contain no colon). */
export type CustomerKey = string;
export const customerKey = (source: SourceName, id: string): CustomerKey => `${source}:${id}`;
const splitKey = (key: CustomerKey) => {
  const at = key.indexOf(":");
  return { source: key.slice(0, at) as SourceName, id: key.slice(at + 1) };
};

/** What a lookup by id will read of the customer, so the loader can choose the cheapest way to answer it. */
export interface CustomerLookup {
  /** Fields beyond a list record's that the caller will read (its selection set): website, contacts, ... */
  needs: Iterable<DetailField>;
  /**
   * The request's unfiltered list of a FULL_LIST source, shared with its `customers` connections (the context's
   * sequenceFor(source, {})), so one list call serves both.
   */
  fullList: (source: Source) => RecordSequence<CustomerRecord>;
}

export interface Loaders {
  /**
   * Any record of the customer: a list record primed by a listing, or a detail read. A plain load() reads the
   * detail; lookup() says what the caller needs, so a list may answer instead.
   */
  customers: DataLoader<CustomerKey, CustomerRecord | null>;
  /** A customer by key, read the cheapest way for what `lookup.needs` (see createLoaders). */
  lookup(key: CustomerKey, lookup: CustomerLookup): Promise<CustomerRecord | null>;
  /** The full record (detail read), for fields a list record lacks. */
  details: DataLoader<CustomerKey, CustomerRecord | null>;
  related: { [K in RelatedKind]: DataLoader<CustomerKey, Array<RelatedRecords[K]>> };
  /** Makes records read by a list available to later lookups in this request, without another call. */
  primeFromList(records: readonly CustomerRecord[]): void;
  /** After a write: the request sees the vendor's answer, never the record as it was before. */
  replace(record: CustomerRecord): void;
}

/**
 * Ids of one FULL_LIST source, asked in one batch with no need beyond the list record, from which on one list
 * call answers them all instead of one detail call each. One id stays a detail read (one call either way, and a
 * single record moves less than the whole list) unless the request has read or started the list already.
 */
export const LIST_FIRST_MIN_IDS = 2;

/**
 * Per-request DataLoaders over every configured source (created fresh for each request, so nothing is shared
 * between callers). Keys are grouped by source in one batch, and each source batches its own way: one call
 * per id with bounded concurrency, or one list call for many ids.
 *
 * Lookups by id (node, nodes, customer) of a FULL_LIST source are list-first when that costs fewer calls: when
 * the selection needs nothing the list record lacks (RPM's Customers list carries id, name and dates; Komet's
 * is its whole record, with contacts and ship-tos from calls of their own) and several ids of the source are
 * asked in one batch, or the request reads the list anyway. A FULL_LIST list is the vendor's complete list, so
 * an id missing from it is a customer that does not exist (null), with no detail call to confirm it. Fields the
 * list lacks still load on demand through `details`, only when a resolver asks for them.
 *
 * `meter`: the request's, which every vendor call the loaders make is charged to (absent outside a request).
 */
export function createLoaders(sources: ReadonlyMap<SourceName, Source>, meter?: RequestMeter): Loaders {
  // VENDOR_CONCURRENCY bounds a vendor's per-customer calls in flight for the whole request: every batch of the
  // vendor (however the executor splits the loads into batches) shares one limit (src/sources/bounded-batch.ts),
  // which carries the request's meter to the calls.
  const limits = new Map<SourceName, RequestLimit>();
  const limitOf = (name: SourceName) => {
    let limit = limits.get(name);
    if (!limit) limits.set(name, (limit = meter ? { meter } : {}));
    return limit;
  };

  const details = new DataLoader<CustomerKey, CustomerRecord | null>(async (keys) => {
    const bySource = groupBySource(keys);
    const results = new Map<CustomerKey, CustomerRecord | null | Error>();
    await Promise.all(
      [...bySource].map(async ([name, ids]) => {
        const source = sources.get(name);
        const answers = source ? await source.getCustomers(ids, limitOf(name)) : ids.map(() => null);
        ids.forEach((id, i) => results.set(customerKey(name, id), answers[i] ?? null));
      }),
    );
    return keys.map((k) => results.get(k) ?? null);
  });

  /** What pending lookups of a key need; read (and dropped) when its batch runs. */
  const pending = new Map<CustomerKey, { listWillDo: boolean; fullList: CustomerLookup["fullList"] }>();

  const customers = new DataLoader<CustomerKey, CustomerRecord | null>(async (keys) => {
    const results = new Map<CustomerKey, CustomerRecord | null | Error>();
    const viaDetail: CustomerKey[] = [];
    const reads: Array<Promise<void>> = [];
    for (const [name, ids] of groupBySource(keys)) {
      const source = sources.get(name);
      const listed: string[] = [];
      let fullList: CustomerLookup["fullList"] | undefined;
      for (const id of ids) {
        const key = customerKey(name, id);
        const hint = pending.get(key);
        pending.delete(key);
        if (hint?.listWillDo) {
          listed.push(id);
          fullList ??= hint.fullList;
        } else viaDetail.push(key);
      }
      if (listed.length === 0) continue;
      const list = source?.paging.model === "FULL_LIST" && fullList ? fullList(source) : undefined;
      if (!list || (listed.length < LIST_FIRST_MIN_IDS && !listStarted(list))) {
        viaDetail.push(...listed.map((id) => customerKey(name, id)));
        continue;
      }
      reads.push(
        allOf(list).then(
          (records) => {
            const byId = new Map(records.map((r) => [r.sourceId, r]));
            for (const id of listed) {
              const record = byId.get(id) ?? null;
              results.set(customerKey(name, id), record);
              if (record && isComplete(record, source)) details.prime(customerKey(name, id), record);
            }
          },
          (error: unknown) => {
            const failure = error instanceof Error ? error : new Error(String(error));
            for (const id of listed) results.set(customerKey(name, id), failure);
          },
        ),
      );
    }
    if (viaDetail.length > 0) {
      reads.push(
        details.loadMany(viaDetail).then((answers) => viaDetail.forEach((key, i) => results.set(key, answers[i] ?? null))),
      );
    }
    await Promise.all(reads);
    return keys.map((k) => results.get(k) ?? null);
  });

  const relatedLoader = <K extends RelatedKind>(kind: K) =>
    new DataLoader<CustomerKey, Array<RelatedRecords[K]>>(async (keys) => {
      const results = new Map<CustomerKey, Array<RelatedRecords[K]> | Error>();
      await Promise.all(
        [...groupBySource(keys)].map(async ([name, ids]) => {
          const call = sources.get(name)?.relatedCalls?.[kind];
          const answers = call
            ? await call(ids, limitOf(name))
            : (await details.loadMany(ids.map((id) => customerKey(name, id)))).map((r) =>
                r instanceof Error ? r : ((r?.[kind] ?? []) as Array<RelatedRecords[K]>),
              );
          ids.forEach((id, i) => results.set(customerKey(name, id), answers[i] ?? []));
        }),
      );
      return keys.map((k) => results.get(k) ?? []);
    });

  const related = { contacts: relatedLoader("contacts"), locations: relatedLoader("locations"), accounts: relatedLoader("accounts") };

  return {
    customers,
    lookup(key, lookup) {
      const { source: name, id } = splitKey(key);
      const source = sources.get(name);
      // A key the vendor's form rules out names no customer: no list read, no detail call.
      if (source && !source.acceptsKey(id)) return Promise.resolve(null);
      const listWillDo = [...lookup.needs].every((field) => servedWithoutDetail(field, source));
      const before = pending.get(key);
      // Any lookup needing the detail wins: the detail record answers every need.
      pending.set(key, { listWillDo: listWillDo && (before?.listWillDo ?? true), fullList: before?.fullList ?? lookup.fullList });
      return customers.load(key);
    },
    details,
    related,
    primeFromList(records) {
      for (const r of records) {
        const key = customerKey(r.source, r.sourceId);
        customers.prime(key, r);
        if (isComplete(r, sources.get(r.source))) details.prime(key, r);
      }
    },
    replace(record) {
      const key = customerKey(record.source, record.sourceId);
      customers.clear(key).prime(key, record);
      details.clear(key);
      if (isComplete(record, sources.get(record.source))) details.prime(key, record);
      for (const kind of ["contacts", "locations", "accounts"] as const) {
        related[kind].clear(key);
        const list = record[kind];
        if (list !== undefined) (related[kind] as DataLoader<CustomerKey, unknown[]>).prime(key, list);
      }
    },
  };
}

/**
 * Whether a list record can serve this field without the detail read: only a related list the source reads
 * with a call of its own (Komet's contacts and ship-tos). Website and custom fields are assumed to need the
 * detail, which for a vendor whose list carries them (Komet) is the same list call it chooses itself.
 */
function servedWithoutDetail(field: DetailField, source: Source | undefined): boolean {
  return field !== "website" && field !== "customFields" && source?.relatedCalls?.[field] !== undefined;
}

/** Whether the request has read (or started reading) this list, so that answering from it costs no call. */
function listStarted(list: RecordSequence<CustomerRecord>): boolean {
  return list instanceof ArraySequence && list.started;
}

/** A record that already carries everything a detail read would add (given the source's related calls). */
function isComplete(record: CustomerRecord, source: Source | undefined): boolean {
  if (record.website === undefined || record.customFields === undefined) return false;
  return (["contacts", "locations", "accounts"] as const).every(
    (kind) => record[kind] !== undefined || source?.relatedCalls?.[kind] !== undefined,
  );
}

function groupBySource(keys: readonly CustomerKey[]): Map<SourceName, string[]> {
  const groups = new Map<SourceName, string[]>();
  for (const key of keys) {
    const { source, id } = splitKey(key);
    const ids = groups.get(source) ?? [];
    ids.push(id);
    groups.set(source, ids);
  }
  return groups;
}
