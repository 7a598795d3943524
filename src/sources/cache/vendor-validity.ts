import type { RequestMeter } from "../../budget/request-meter.js";
import { cacheChecks } from "../../metrics/cache-metrics.js";
import type { SourceName } from "../../model.js";
import type { SourceFreshness } from "../source.js";
import type { WriteMarks } from "./write-marks.js";

/**
 * What a cached answer depends on: the vendor's list, one customer's record, or a related list of one customer
 * from a call of its own.
 */
export type Dependency = { kind: "list" } | { kind: "customer"; id: string } | { kind: "related"; id: string };

/** When an entry's vendor read started, and after which of the vendor's writes (see WriteMarks). */
export interface ReadStamp {
  readonly writes: number;
  readonly startedAt: number;
}

export type Verdict = "fresh" | "stale" | "dead";

/** Customers remembered as changed before falling back to "every record changed", bounding this memory. */
const MAX_CHANGED_CUSTOMERS = 10_000;

/**
 * One vendor's view of which cached answers still hold, shared by every caller's entries of that vendor (it
 * holds no answers, only times). An entry is dead once a write through the graph changed what it depends on
 * (the write marks, shared by every instance when the cache is). Otherwise it is fresh for a TTL after the later
 * of its read and the last change check that confirmed it; then stale: one change check (single-flight, one
 * vendor call for all of the vendor's entries) either confirms it for another TTL or kills it. Times are this
 * service's clock; an entry's read counts from when the read started, so a change made while it was in flight
 * is never taken as seen.
 */
export class VendorValidity {
  /** This process's change checks cover the vendor's changes since then (entries read earlier elsewhere are not). */
  private readonly checksCoverFrom: number;
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
    this.checksCoverFrom = now();
  }

  /**
   * To be taken before a vendor read whose answer will be cached, with the number of the vendor's last write
   * as read just before it (or, for a write's own answer, that write's number).
   */
  stamp(writes: number): ReadStamp {
    return { writes, startedAt: this.now() };
  }

  verdict(stamp: ReadStamp, on: Dependency, marks: WriteMarks): Verdict {
    if (this.overtaken(stamp, on, marks)) return "dead";
    // A related list (Komet's contacts) is its own vendor call, and no vendor documents that changing one moves
    // its customer's stamp: only the TTL vouches for it. Nor do this process's checks vouch for a read made
    // before they began (another instance's, through the shared level).
    const checkable = on.kind !== "related" && stamp.startedAt >= this.checksCoverFrom;
    const confirmed = checkable ? Math.max(stamp.startedAt, this.verifiedAt ?? -Infinity) : stamp.startedAt;
    if (this.now() - confirmed < this.ttlMs) return "fresh";
    return this.freshness && checkable ? "stale" : "dead";
  }

  /**
   * Whether an entry, however old, still reflects every write and change this service knows of: only time
   * speaks against it. What may stand in for a read the vendor's spent quota refuses (flagged stale).
   */
  outlivedOnly(stamp: ReadStamp, on: Dependency, marks: WriteMarks): boolean {
    return !this.overtaken(stamp, on, marks);
  }

  /** A write through the graph since, or a change the vendor reported since, makes the entry wrong. */
  private overtaken(stamp: ReadStamp, on: Dependency, marks: WriteMarks): boolean {
    if (stamp.writes < marks.all) return true;
    if (on.kind === "list" && (stamp.writes < marks.lists || stamp.startedAt < this.listsChangedAt)) return true;
    if (on.kind !== "list" && stamp.writes < marks.customer(on.id)) return true;
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
   * again the ordinary way, so a vendor failure surfaces as it would without a cache. The call is charged to
   * `meter`, the request that starts it; those that join it pay nothing.
   */
  revalidate(meter?: RequestMeter): Promise<boolean> {
    if (!this.freshness) return Promise.resolve(false);
    this.check ??= this.runCheck(this.freshness, meter).finally(() => {
      this.check = undefined;
    });
    return this.check;
  }

  private async runCheck(freshness: SourceFreshness, meter: RequestMeter | undefined): Promise<boolean> {
    const since = this.verifiedAt ?? this.checksCoverFrom;
    const startedAt = this.now();
    let changes;
    try {
      changes = await freshness.changesSince(new Date(since), meter);
    } catch {
      cacheChecks.inc({ source: this.source, result: "failed" });
      return false;
    }
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
