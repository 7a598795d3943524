import DataLoader from "dataloader";
import type { CustomerRecord, RelatedKind, RelatedRecords, SourceName } from "./model.js";
import type { Source } from "./sources/source.js";

/** A customer's key across sources: "<SOURCE>:<vendor id>" (source names contain no colon). */
export type CustomerKey = string;
export const customerKey = (source: SourceName, id: string): CustomerKey => `${source}:${id}`;
const splitKey = (key: CustomerKey) => {
  const at = key.indexOf(":");
  return { source: key.slice(0, at) as SourceName, id: key.slice(at + 1) };
};

export interface Loaders {
  /** Any record of the customer: a list record primed by a listing, or a detail read. */
  customers: DataLoader<CustomerKey, CustomerRecord | null>;
  /** The full record (detail read), for fields a list record lacks. */
  details: DataLoader<CustomerKey, CustomerRecord | null>;
  related: { [K in RelatedKind]: DataLoader<CustomerKey, Array<RelatedRecords[K]>> };
  /** Makes records read by a list available to later lookups in this request, without another call. */
  primeFromList(records: readonly CustomerRecord[]): void;
  /** After a write: the request sees the vendor's answer, never the record as it was before. */
  replace(record: CustomerRecord): void;
}

/**
 * Per-request DataLoaders over every configured source (created fresh for each request, so nothing is shared
 * between callers). Keys are grouped by source in one batch, and each source batches its own way: one call
 * per id with bounded concurrency, or one list call for many ids.
 */
export function createLoaders(sources: ReadonlyMap<SourceName, Source>): Loaders {
  const details = new DataLoader<CustomerKey, CustomerRecord | null>(async (keys) => {
    const bySource = groupBySource(keys);
    const results = new Map<CustomerKey, CustomerRecord | null | Error>();
    await Promise.all(
      [...bySource].map(async ([name, ids]) => {
        const source = sources.get(name);
        const answers = source ? await source.getCustomers(ids) : ids.map(() => null);
        ids.forEach((id, i) => results.set(customerKey(name, id), answers[i] ?? null));
      }),
    );
    return keys.map((k) => results.get(k) ?? null);
  });

  const customers = new DataLoader<CustomerKey, CustomerRecord | null>(async (keys) => {
    const answers = await details.loadMany(keys);
    return answers.map((a) => a);
  });

  const relatedLoader = <K extends RelatedKind>(kind: K) =>
    new DataLoader<CustomerKey, Array<RelatedRecords[K]>>(async (keys) => {
      const results = new Map<CustomerKey, Array<RelatedRecords[K]> | Error>();
      await Promise.all(
        [...groupBySource(keys)].map(async ([name, ids]) => {
          const call = sources.get(name)?.relatedCalls?.[kind];
          const answers = call
            ? await call(ids)
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
