import { ErrorCode, VendorError } from "../errors.js";
import { vendorCallsRefused, vendorQuotaRemaining } from "../metrics/budget-metrics.js";
import type { SourceName } from "../model.js";
import type { SharedState } from "../state/shared-state.js";
import { vendorDayOf } from "./call-window.js";
import { WindowCounter } from "./window-counter.js";

export interface QuotaSettings {
  /** Calls a day per vendor; a vendor absent here has no quota of ours (its own daily limit still counts). */
  daily: Partial<Record<SourceName, number>>;
  /** When the vendor-day starts: minutes after midnight UTC (VENDOR_QUOTA_RESET). */
  resetMinute: number;
  /** The share of each quota only writes may spend (VENDOR_WRITE_RESERVE), 0 to 1. */
  writeReserve: number;
}

export interface QuotaReading {
  limit: number;
  used: number;
  remaining: number;
  resetsAt: Date;
}

/**
 * The vendors' daily quotas, spent by every caller and every instance together (a WindowCounter, on Redis when
 * REDIS_URL is set). Reads may spend the quota up to the write reserve, writes all of it. When a vendor answers
 * that its own daily limit is reached, its quota is marked spent until the reset, so no further call is made.
 */
export class VendorQuotas {
  private readonly counter: WindowCounter;
  /**
   * Vendors without a quota of ours that answered with their own daily limit, until when. Kept in this process
   * only (each instance learns it from one answer of its own), so that a vendor without a quota costs no
   * counting at all.
   */
  private readonly spentUntil = new Map<SourceName, number>();

  constructor(
    private readonly settings: QuotaSettings,
    state: SharedState,
    private readonly now: () => number = Date.now,
  ) {
    this.counter = new WindowCounter(state, "quota");
  }

  /** Counts one call; throws UPSTREAM_QUOTA_EXHAUSTED (and counts nothing) when none is left for its kind. */
  spend(source: SourceName, write: boolean, operation: string): Promise<void> | void {
    const limit = this.settings.daily[source];
    if (limit === undefined) {
      if ((this.spentUntil.get(source) ?? 0) > this.now()) throw this.refusal(source, write, operation);
      return;
    }
    return this.take(source, limit, write, operation);
  }

  private async take(source: SourceName, limit: number, write: boolean, operation: string): Promise<void> {
    const allowance = write ? limit : Math.floor(limit * (1 - this.settings.writeReserve));
    const taken = await this.counter.take(source, 1, allowance, this.window());
    vendorQuotaRemaining.set({ source }, Math.max(0, limit - taken.used));
    if (!taken.granted) throw this.refusal(source, write, operation);
  }

  private refusal(source: SourceName, write: boolean, operation: string): VendorError {
    vendorCallsRefused.inc({ source, reason: "quota" });
    return new VendorError(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, source, `daily quota spent (${write ? "write" : "read"})`, { operation });
  }

  /** The vendor said its own daily limit is reached: nothing more is asked of it until the reset. */
  async markSpent(source: SourceName): Promise<void> {
    const limit = this.settings.daily[source];
    const window = this.window();
    if (limit === undefined) {
      this.spentUntil.set(source, window.endsAt);
      return;
    }
    const { used } = await this.counter.read(source, limit, window);
    if (used < limit) await this.counter.add(source, limit - used, limit, window);
    vendorQuotaRemaining.set({ source }, 0);
  }

  /** For `sources { quota }`: null where no quota is set. */
  async reading(source: SourceName): Promise<QuotaReading | null> {
    const limit = this.settings.daily[source];
    if (limit === undefined) return null;
    const window = this.window();
    const { used } = await this.counter.read(source, limit, window);
    return { limit, used: Math.min(used, limit), remaining: Math.max(0, limit - used), resetsAt: new Date(window.endsAt) };
  }

  private window() {
    return vendorDayOf(this.settings.resetMinute, this.now());
  }
}
