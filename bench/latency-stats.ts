/** Latency percentiles over merged rounds (exact: every response time is kept). */
export interface LatencySummary {
  p50: number;
  p99: number;
  mean: number;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  if (latencies.length === 0) return { p50: NaN, p99: NaN, mean: NaN };
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function geometricMean(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return NaN;
  return Math.exp(finite.reduce((sum, v) => sum + Math.log(v), 0) / finite.length);
}
