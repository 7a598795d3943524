import type { SimVendor } from "../src/simulators/vendor-simulator.js";
import { listCallsFor, VENDOR_RULES } from "./vendor-rules.js";

/**
 * What a query needs from the vendors, independent of how our layer reads it. The minimum is the fewest vendor
 * calls the vendor APIs allow for it; the critical path is the fewest sequential round trips, where a call waits
 * for another only when it needs a value from that call's answer (a customer's id from a list). Calls that need
 * nothing from each other (different vendors' lists, detail reads of known ids) count as one round trip.
 */
export type Need =
  /** A window of the customers connection over these vendors' lists, concatenated in order. */
  | { kind: "window"; parts: Array<{ vendor: SimVendor; size: number }>; offset: number; count: number }
  /** Fields of `customers` customers of one vendor whose ids come from a list read first. */
  | { kind: "listed customers"; vendor: SimVendor; customers: number; fields: string[]; related: Array<"contacts" | "locations"> }
  /** Customers asked by id (node/nodes): `distinct` different ids of one vendor. */
  | { kind: "ids"; vendor: SimVendor; distinct: number; fields: string[] };

export interface Minimum {
  calls: number;
  roundTrips: number;
  /** Per vendor and operation, as /__sim/stats names them. */
  byOperation: Partial<Record<SimVendor, Record<string, number>>>;
}

export function minimumFor(needs: readonly Need[]): Minimum {
  const byOperation: Minimum["byOperation"] = {};
  const add = (vendor: SimVendor, operation: string, n: number) => {
    if (n <= 0) return;
    const ops = (byOperation[vendor] ??= {});
    ops[operation] = (ops[operation] ?? 0) + n;
  };
  let roundTrips = 0;
  for (const need of needs) {
    switch (need.kind) {
      case "window": {
        let start = 0;
        let remaining = need.count;
        let offset = need.offset;
        let endsAtPartEnd = false;
        let index = 0;
        const touched = new Set<SimVendor>();
        for (; index < need.parts.length && remaining > 0; index++) {
          const part = need.parts[index]!;
          const local = offset - start;
          start += part.size;
          if (local >= part.size) continue;
          const take = Math.min(remaining, part.size - local);
          add(part.vendor, VENDOR_RULES[part.vendor].listCall, listCallsFor(VENDOR_RULES[part.vendor], local, take, { resumable: true }));
          touched.add(part.vendor);
          remaining -= take;
          offset += take;
          endsAtPartEnd = local + take === part.size;
        }
        // A page that ends exactly where a vendor's list ends must ask the next non-empty list whether it has any.
        if (endsAtPartEnd) {
          const next = need.parts.slice(index).find((p) => p.size > 0);
          if (next && !touched.has(next.vendor)) add(next.vendor, VENDOR_RULES[next.vendor].listCall, 1);
        }
        roundTrips = Math.max(roundTrips, 1);
        break;
      }
      case "listed customers": {
        const rules = VENDOR_RULES[need.vendor];
        const needsDetail = need.fields.some((f) => !rules.listFields.has(f)) || need.related.some((k) => rules.related[k].from === "detail");
        if (needsDetail) add(need.vendor, rules.detailCall, need.customers);
        for (const kind of need.related) {
          const how = rules.related[kind];
          if (how.from === "own call") add(need.vendor, how.call, need.customers);
        }
        const extra = needsDetail || need.related.some((k) => rules.related[k].from === "own call");
        roundTrips = Math.max(roundTrips, extra ? 2 : 1);
        break;
      }
      case "ids": {
        const rules = VENDOR_RULES[need.vendor];
        const fromList = rules.listAnswersIds && need.fields.every((f) => rules.listFields.has(f));
        if (fromList) add(need.vendor, rules.listCall, Math.min(need.distinct, 1));
        else add(need.vendor, rules.detailCall, need.distinct);
        roundTrips = Math.max(roundTrips, 1);
        break;
      }
      default: {
        const never: never = need;
        throw new Error(`unknown need ${JSON.stringify(never)}`);
      }
    }
  }
  const calls = Object.values(byOperation).reduce((sum, ops) => sum + Object.values(ops).reduce((a, b) => a + b, 0), 0);
  return { calls, roundTrips, byOperation };
}
