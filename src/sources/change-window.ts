/**
 * Vendors stamp changes with their own clock, at their own granularity (whole seconds, or a whole day), and the
 * project reads zone-less vendor times as UTC. So a change check looks back this much further than the moment
 * it means: a change stamped within the allowance counts as a change. That costs at worst a needless re-read,
 * never a stale answer, for clocks that differ by less than this.
 */
export const CLOCK_ALLOWANCE_MS = 60_000;

/** The earliest vendor stamp that may belong to a change made after `since` (this service's clock). */
export function changeWindowStart(since: Date): Date {
  return new Date(since.getTime() - CLOCK_ALLOWANCE_MS);
}
