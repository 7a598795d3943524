import type { CallCounts } from "./vendor-calls.js";
import type { Variant } from "./variants.js";

/** One scenario, one variant, one vendor latency: merged over the alternating rounds. */
export interface Row {
  latencyMs: number;
  scenario: string;
  variant: Variant;
  connections: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Vendor calls counted by the simulators during the load, divided by the answered requests. */
  callsPerQuery: number;
  /** Vendor calls of one request on an idle server (exact). */
  exactCalls: number;
  minCalls: number;
  minRoundTrips: number;
  /** The critical path at this vendor latency: round trips times latency. */
  floorMs: number;
  peakRssMb: number;
  /** Non-2xx answers, answers with GraphQL errors, transport errors and timeouts. */
  errors: number;
  /** req/s of each round (absent in results written before 2026-12-06). */
  roundReqPerSec?: number[];
  /** The server's CPU time (user + system) over the requests it was sent (absent before 2026-12-06; the Mesh gateway's is its main process's). */
  cpuMsPerRequest?: number;
}

/** What one request on an idle server did, per scenario and variant, and whether its answer matched the graph's. */
export interface CallCheck {
  scenario: string;
  variant: Variant;
  calls: CallCounts;
  total: number;
  minimum: number;
  minimumByOperation: CallCounts;
  /** Same data as the graph's answer (ids, cursors and all); null for the Mesh gateway, whose schema differs. */
  sameAnswer: boolean | null;
  errors: string[];
}

export interface TargetResult {
  target: string;
  pass: boolean | null;
  /** The figure measured against the target, and by how much it misses. */
  detail: string;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; node: string; note: string };
  options: Record<string, unknown>;
  checks: CallCheck[];
  /** Each server's RSS right after it started, before any request. */
  idleRssMb: Partial<Record<Variant, number>>;
  rows: Row[];
  saturation?: { rate: number; p50: number; p99: number; reqPerSec: number };
  soak?: { seconds: number; startRssMb: number; endRssMb: number; growthPct: number; requests: number; errors: number };
  targets: TargetResult[];
  elapsedSec: number;
  /** This run's noise between rounds (bench/run-noise.ts), as a fraction of req/s. */
  noise?: number;
  /** The last recorded run this one was compared with (its file name), if any. */
  previousRun?: string;
}
