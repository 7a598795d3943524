import type { RunningSimulators } from "../../src/simulators/server.js";
import { startTestGraph, type TestGraph, type TestGraphOptions } from "../support/graph.js";

/** Small vendors, so each test's graph starts fast; the cache on with `ttlMs` unless told otherwise. */
export function startCachedGraph(ttlMs: number | null, options: TestGraphOptions = {}): Promise<TestGraph> {
  return startTestGraph({
    sizes: { rpm: 12, wms: 12, komet: 12, connect: 12 },
    ...(ttlMs === null ? {} : { responseCache: { ttlMs, maxRecords: 10_000 } }),
    ...options,
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Changes a WMS customer at the vendor, behind the graph's back (as another WMS user would). */
export async function writeWmsDirectly(sims: RunningSimulators, shortID: string, name: string): Promise<void> {
  const base = sims.baseUrls.wms;
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "sim-wms-client", client_secret: "sim-wms-secret" });
  const token = (await (await fetch(`${base}/Token`, { method: "POST", body: form })).json()) as { access_token: string };
  const res = await fetch(`${base}/Customer`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify({ shortID, name }),
  });
  if (res.status !== 200) throw new Error(`WMS upsert answered ${res.status}`);
}

/** Changes an RPM customer's website at the vendor, behind the graph's back. */
export async function writeRpmDirectly(sims: RunningSimulators, customerId: number, website: string): Promise<void> {
  const res = await fetch(`${sims.baseUrls.rpm}/CustomerEdit`, {
    method: "POST",
    headers: { "content-type": "application/json", RpmApiKey: "sim-rpm-key" },
    body: JSON.stringify({ Customer: { CustomerID: customerId, Website: website } }),
  });
  const body = (await res.json()) as { Result: { Error?: unknown } };
  if (body.Result.Error) throw new Error(`RPM CustomerEdit refused: ${JSON.stringify(body.Result.Error)}`);
}
