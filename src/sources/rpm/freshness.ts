import { changeWindowStart } from "../change-window.js";
import type { SourceFreshness } from "../source.js";
import type { RpmClient } from "./client.js";
import { parseRpmDate } from "./wire.js";

const DAY_MS = 86_400_000;

/**
 * RPM has no "changed since" parameter, but its Customers list is one call that carries each customer's
 * `Modified` and the list's `Age` (changed by any modification of the list). A customer whose Modified falls in
 * the window changed; its cached detail (one Customer call each, where RPM's cost is) is read again, the
 * others' are kept. An Age that moved with no Modified in the window (a customer removed) means a change
 * nothing names, so every record is read again.
 */
export function rpmFreshness(client: RpmClient): SourceFreshness {
  let lastAge: number | null = null;
  return {
    async changesSince(since, meter) {
      const from = changeWindowStart(since).getTime();
      const { age, customers } = await client.listCustomers(meter);
      const ageMoved = lastAge !== null && age !== lastAge;
      lastAge = age;
      const changed = customers.filter((c) => mayHaveChangedSince(c.Modified, from));
      if (changed.length > 0) return { kind: "changed", customers: new Set(changed.map((c) => String(c.CustomerID))) };
      return ageMoved ? { kind: "changed", customers: null } : { kind: "unchanged" };
    },
  };
}

/**
 * Whether a stamp may be at or after `from`. Older deployments write dates without a time (`1/20/2007`): such a
 * stamp stands for its whole day. No stamp, or one that does not read, may be anything.
 */
function mayHaveChangedSince(stamp: string | null | undefined, from: number): boolean {
  if (!stamp) return true;
  const at = parseRpmDate(stamp);
  if (!at) return true;
  const granularity = stamp.includes(":") ? 1000 : DAY_MS;
  return at.getTime() + granularity > from;
}
