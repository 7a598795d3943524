import type { Row } from "./results.js";

/**
 * How much req/s moves between rounds of the same server on the same question within this run: for each row
 * measured in two rounds or more, (max - min) / mean of its rounds' req/s; the run's noise is the median of
 * those. On the shared 2-core machine this is typically 10 to 30%. NaN where no row has two rounds.
 */
export function runNoise(rows: readonly Row[]): number {
  const spreads = rows
    .map((r) => r.roundReqPerSec ?? [])
    .filter((rounds) => rounds.length >= 2)
    .map((rounds) => (Math.max(...rounds) - Math.min(...rounds)) / (rounds.reduce((a, b) => a + b, 0) / rounds.length))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return spreads.length === 0 ? NaN : spreads[Math.floor(spreads.length / 2)]!;
}
