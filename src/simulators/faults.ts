import { SIM_VENDORS, type SimVendor } from "./vendor-simulator.js";

export const FAULT_KINDS = ["500", "429", "reset", "hang", "malformed", "truncated", "html", "resetAfterWrite"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Fraction of calls hit, 0..1 (1 = every call). */
  rate: number;
  /** For 429: the Retry-After header, in seconds. */
  retryAfterSec?: number;
}

export interface VendorFaults {
  latencyMs?: number;
  faults?: Fault[];
}

/**
 * The faults set through POST /__sim/faults. A fault with rate r hits a deterministic share of calls (the
 * n-th call is hit when floor(n*r) grows), so tests and benchmarks see the same sequence on every run.
 */
export class FaultPlan {
  private plan = new Map<SimVendor, VendorFaults>();
  private counters = new Map<string, number>();

  /** Replaces every earlier setting; `{}` clears all. Throws a message naming the bad field. */
  set(body: unknown): void {
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("body must be an object");
    const next = new Map<SimVendor, VendorFaults>();
    for (const [vendor, value] of Object.entries(body)) {
      if (!(SIM_VENDORS as readonly string[]).includes(vendor)) throw new Error(`unknown vendor ${vendor}`);
      const v = value as VendorFaults;
      if (v.latencyMs !== undefined && !(Number.isFinite(v.latencyMs) && v.latencyMs >= 0)) {
        throw new Error(`${vendor}.latencyMs must be a number >= 0`);
      }
      for (const f of v.faults ?? []) {
        if (!FAULT_KINDS.includes(f.kind)) throw new Error(`${vendor}: unknown fault kind ${String(f.kind)}`);
        if (!(typeof f.rate === "number" && f.rate >= 0 && f.rate <= 1)) throw new Error(`${vendor}: rate must be 0..1`);
      }
      next.set(vendor as SimVendor, { latencyMs: v.latencyMs ?? 0, faults: v.faults ?? [] });
    }
    this.plan = next;
    this.counters.clear();
  }

  latencyMs(vendor: SimVendor): number {
    return this.plan.get(vendor)?.latencyMs ?? 0;
  }

  /** The fault (if any) that hits this call; `isWrite` lets resetAfterWrite pass reads through. */
  pick(vendor: SimVendor, isWrite: boolean): Fault | null {
    for (const fault of this.plan.get(vendor)?.faults ?? []) {
      if (fault.kind === "resetAfterWrite" && !isWrite) continue;
      const key = `${vendor}:${fault.kind}`;
      const n = (this.counters.get(key) ?? 0) + 1;
      this.counters.set(key, n);
      if (Math.floor(n * fault.rate) > Math.floor((n - 1) * fault.rate)) return fault;
    }
    return null;
  }
}
