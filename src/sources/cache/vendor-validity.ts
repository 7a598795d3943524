import { cacheChecks } from "../../metrics/cache-metrics.js";
import type { SourceName } from "../../model.js";
import type { SourceFreshness } from "../source.js";

/** What a cached answer depends on: the vendor's list, one customer's record, or a related list of its own call. */
export type Dependency = { kind: "list" } | { kind: "customer"; id: string } | { kind: "related" };

/** When an entry's vendor read started, and under which generation (see VendorValidity.invalidate). */
export interface ReadStamp {
  readonly generation: number;
  readonly startedAt: number;
}

export type Verdict = "fresh" | "stale" | "dead";

/** Customers remembered as changed before falling back to "every record changed", bounding this memory. */
const MAX_CHANGED_CUSTOMERS = 10_000;

/**
 * One vendor's view of which cached answers still hold, shared by every caller's entries of that vendor (it
 * holds no answers, only times). An entry is fresh for a TTL after the later of its read and the last change
 * check that confirmed it; then stale: one change check (single-flight, one vendor call for all of the vendor's
 * entries) either confirms it for another TTL or kills it. Times are this service's clock; an entry's read
 * counts from when the read started, so a change made while it was in flight is never taken as seen.
 */
export class VendorValidity {
  private generation = 0;
  private generationStart: number;
  private verifiedAt: number | null = null;
  private listsChangedAt = -Infinity;
  private recordsChangedAt = -Infinity;
  private readonly changedCustomers = new Map<string, number>();
  private check: Promise<boolean> | undefined;

  constructor(
    private readonly source: SourceName,
    private readonly freshness: SourceFreshness | undefined,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {
    this.generationStart = now();
  }

  /** To be taken before a vendor read whose answer will be cached. */
  stamp(): ReadStamp {
    return { generation: this.generation, startedAt: this.now() };
  }

  verdict(stamp: ReadStamp, on: Dependency): Verdict {
    if (this.overtaken(stamp, on)) return "dead";
    // A related list (Komet's contacts) is its own vendor call, and no vendor documents that changing one moves
    // its customer's stamp: only the TTL vouches for it.
    const confirmed = on.kind === "related" ? stamp.startedAt : Math.max(stamp.startedAt, this.verifiedAt ?? -Infinity);
    if (this.now() - confirmed < this.ttlMs) return "fresh";
    return this.freshness && on.kind !== "related" ? "stale" : "dead";
  }

  /**
   * Whether an entry, however old, still reflects every write and change this service knows of: only time
   * speaks against it. What may stand in for a read the vendor's spent quota refuses (flagged stale).
   */
  outlivedOnly(stamp: ReadStamp, on: Dependency): boolean {
    return !this.overtaken(stamp, on);
  }

  /** A write through the graph since, or a change the vendor reported since, makes the entry wrong. */
  private overtaken(stamp: ReadStamp, on: Dependency): boolean {
    if (stamp.generation !== this.generation) return true;
    if (on.kind === "list" && stamp.startedAt < this.listsChangedAt) return true;
    if (on.kind === "customer") {
      const changedAt = Math.max(this.recordsChangedAt, this.changedCustomers.get(on.id) ?? -Infinity);
      if (stamp.startedAt < changedAt) return true;
    }
    return false;
  }

  /** How old an entry's answer is, in whole seconds. */
  ageSeconds(stamp: ReadStamp): number {
    return Math.max(0, Math.floor((this.now() - stamp.startedAt) / 1000));
  }

  /**
   * Asks the vendor what changed since everything cached was last confirmed; concurrent callers share the one
   * call. False when it could not be asked (no change token, or the call failed): stale entries are then read
   * again the ordinary way, so a vendor failure surfaces as it would without a cache.
   */
  revalidate(): Promise<boolean> {
    if (!this.freshness) return Promise.resolve(false);
    this.check ??= this.runCheck(this.freshness).finally(() => {
      this.check = undefined;
    });
    return this.check;
  }

  /** After a write through the graph: every entry of this vendor, for every caller, is read again. */
  invalidate(): void {
    this.generation += 1;
    this.generationStart = this.now();
    this.verifiedAt = null;
    this.listsChangedAt = -Infinity;
    this.recordsChangedAt = -Infinity;
    this.changedCustomers.clear();
  }

  private async runCheck(freshness: SourceFreshness): Promise<boolean> {
    const generation = this.generation;
    const since = this.verifiedAt ?? this.generationStart;
    const startedAt = this.now();
    let changes;
    try {
      changes = await freshness.changesSince(new Date(since));
    } catch {
      cacheChecks.inc({ source: this.source, result: "failed" });
      return false;
    }
    // A write while the check was in flight has already killed every entry it was asked about.
    if (generation !== this.generation) return true;
    cacheChecks.inc({ source: this.source, result: changes.kind });
    if (changes.kind === "changed") {
      this.listsChangedAt = startedAt;
      if (changes.customers === null || this.changedCustomers.size + changes.customers.size > MAX_CHANGED_CUSTOMERS) {
        this.recordsChangedAt = startedAt;
        this.changedCustomers.clear();
      } else {
        for (const id of changes.customers) this.changedCustomers.set(id, startedAt);
      }
    }
    this.verifiedAt = startedAt;
    return true;
  }
}
