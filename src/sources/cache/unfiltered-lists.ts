import type { CustomerRecord } from "../../model.js";

/** Keys remembered before the ones no longer in memory are pruned, bounding this set as memory bounds entries. */
const PRUNE_ABOVE = 10_000;

/**
 * The keys of the unfiltered lists a cached source holds in memory (every caller's). A write that leaves its
 * vendor's unfiltered lists in place (SourceWrites.unfilteredListsOrderedByKey) carries them over to its own
 * number with its answer put in, instead of costing a list read each: renames on a paged vendor otherwise made
 * every user's next page a vendor call.
 */
export class UnfilteredListKeys {
  private readonly keys = new Set<string>();
  /** Twice what the last prune left (at least PRUNE_ABOVE): pruning stays a small share of the adds. */
  private pruneAbove = PRUNE_ABOVE;

  constructor(private readonly held: (key: string) => boolean) {}

  add(key: string): void {
    this.keys.add(key);
    if (this.keys.size > this.pruneAbove) this.prune();
  }

  /** The keys still held in memory; the rest are forgotten. */
  current(): string[] {
    this.prune();
    return [...this.keys];
  }

  private prune(): void {
    for (const key of this.keys) if (!this.held(key)) this.keys.delete(key);
    this.pruneAbove = Math.max(PRUNE_ABOVE, 2 * this.keys.size);
  }
}

/**
 * A cached list answer (a page `{ records, ... }` or a whole list) with `record` in the place of the record of
 * the same customer; the answer itself when that customer is not in it.
 */
export function withRecordReplaced<T>(value: T, record: CustomerRecord): T {
  const replace = (records: readonly CustomerRecord[]) => {
    const at = records.findIndex((r) => r.sourceId === record.sourceId);
    return at < 0 ? null : records.map((r, i) => (i === at ? record : r));
  };
  if (Array.isArray(value)) return (replace(value) ?? value) as T;
  const page = value as { records: readonly CustomerRecord[] };
  const records = replace(page.records);
  return records ? ({ ...page, records } as T) : value;
}
