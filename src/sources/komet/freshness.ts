import { changeWindowStart } from "../change-window.js";
import type { SourceFreshness } from "../source.js";
import type { KometClient } from "./client.js";

/**
 * Komet's change token is customer.list's `updateAsOf`, a day: it returns every customer updated on that day or
 * later (inactive ones included, so a deactivation shows). The day is too coarse to decide on, so the answer's
 * own `updatedOn` (to the second) narrows it to the window; a customer without one counts as changed.
 * One call, like any Komet call, from the daily budget: it replaces re-reading every cached list and record.
 */
export function kometFreshness(client: KometClient): SourceFreshness {
  return {
    async changesSince(since, meter) {
      const from = changeWindowStart(since);
      const updated = await client.listCustomers({ includeInactive: true, updateAsOf: from.toISOString().slice(0, 10) }, meter);
      const changed = updated.filter((c) => c.updatedOn === null || c.updatedOn >= from);
      return changed.length === 0 ? { kind: "unchanged" } : { kind: "changed", customers: new Set(changed.map((c) => c.id)) };
    },
  };
}
