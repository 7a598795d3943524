/**
 * What writes through the graph have changed at one vendor, in the numbers of its writes (1, 2, ...): a cached
 * answer whose read started when the vendor's last write was number `seq` is dead once a write numbered after
 * it changed what the answer depends on. Numbers, not times: a write and a read in the same millisecond are
 * still ordered, and every instance numbers writes alike when they share Redis.
 */
export interface WriteMarks {
  /** The number of the vendor's last write when these marks were read; a read taken now is stamped with it. */
  readonly seq: number;
  /** Every answer stamped before it is dead (the cache cleared, or Redis back after a loss). */
  readonly all: number;
  /** Every list stamped before it is dead: a write can move a customer in or out of any list of its vendor. */
  readonly lists: number;
  /** The customer's record and related lists stamped before it are dead. */
  customer(id: string): number;
}

/** Customers remembered as written before falling back to "everything changed", bounding this memory. */
const MAX_WRITTEN_CUSTOMERS = 10_000;

/** One vendor's marks kept in this process: the cache's own when it is not shared, a mirror of ours when it is. */
export class LocalWriteMarks implements WriteMarks {
  seq = 0;
  all = 0;
  lists = 0;
  private readonly customers = new Map<string, number>();

  customer(id: string): number {
    return this.customers.get(id) ?? 0;
  }

  /** Numbers a write (the next number, or `seq` when it was numbered elsewhere) and marks what it changed. */
  record(ids: readonly string[] | "all", seq = this.seq + 1): void {
    this.seq = Math.max(this.seq, seq);
    this.lists = Math.max(this.lists, seq);
    if (ids === "all" || this.customers.size + ids.length > MAX_WRITTEN_CUSTOMERS) {
      this.all = Math.max(this.all, seq);
      this.customers.clear();
    }
    if (ids !== "all") for (const id of ids) this.customers.set(id, seq);
  }
}
