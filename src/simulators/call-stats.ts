import type { SimVendor } from "./vendor-simulator.js";

/** Calls counted per vendor and operation, refused ones included: the shape GET /__sim/stats answers. */
export class CallStats {
  private counts: Partial<Record<SimVendor, Record<string, number>>> = {};

  count(vendor: SimVendor, operation: string): void {
    const perVendor = (this.counts[vendor] ??= {});
    perVendor[operation] = (perVendor[operation] ?? 0) + 1;
  }

  snapshot(): Partial<Record<SimVendor, Record<string, number>>> {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = {};
  }
}
