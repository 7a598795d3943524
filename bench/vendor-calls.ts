import type { SimVendor } from "../src/simulators/vendor-simulator.js";

/** Vendor calls per vendor and operation, as GET /__sim/stats counts them. */
export type CallCounts = Partial<Record<SimVendor, Record<string, number>>>;

export async function fetchStats(simulatorUrl: string): Promise<CallCounts> {
  const res = await fetch(`${simulatorUrl}/__sim/stats`);
  return (await res.json()) as CallCounts;
}

/** The calls made between two snapshots. */
export function callsBetween(before: CallCounts, after: CallCounts): CallCounts {
  const out: CallCounts = {};
  for (const [vendor, ops] of Object.entries(after) as Array<[SimVendor, Record<string, number>]>) {
    for (const [op, n] of Object.entries(ops)) {
      const delta = n - (before[vendor]?.[op] ?? 0);
      if (delta > 0) (out[vendor] ??= {})[op] = delta;
    }
  }
  return out;
}

export function totalCalls(counts: CallCounts): number {
  return Object.values(counts).reduce((sum, ops) => sum + Object.values(ops ?? {}).reduce((a, b) => a + b, 0), 0);
}

/** Sets every vendor's simulated latency (POST /__sim/faults; no faults). */
export async function setVendorLatency(simulatorUrl: string, latencyMs: number): Promise<void> {
  const body = Object.fromEntries(["rpm", "wms", "komet", "connect"].map((v) => [v, { latencyMs }]));
  const res = await fetch(`${simulatorUrl}/__sim/faults`, { method: "POST", body: JSON.stringify(latencyMs > 0 ? body : {}) });
  if (!res.ok) throw new Error(`setting vendor latency failed: HTTP ${res.status}`);
}

export interface SingleAnswer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  calls: CallCounts;
}

/** One request on an otherwise idle server, with the exact vendor calls it made. */
export async function askOnce(graphUrl: string, simulatorUrl: string, requestBody: string): Promise<SingleAnswer> {
  const before = await fetchStats(simulatorUrl);
  const res = await fetch(`${graphUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: requestBody });
  const body = (await res.json()) as SingleAnswer["body"];
  return { status: res.status, body, calls: callsBetween(before, await fetchStats(simulatorUrl)) };
}
