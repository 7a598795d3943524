import { SIMULATOR_CREDENTIALS } from "../../src/config.js";
import type { WriteIntent, WriteOutcome } from "./operations.js";

/**
 * After a run, with the faults cleared: what the vendor (the WMS simulator, read over its own HTTP API, not
 * through the graph) holds for every write the client saw answered.
 */
export interface WriteAudit {
  acknowledged: number;
  /** Acknowledged, but missing at the vendor or with other values: a lost write. Must be empty. */
  lost: string[];
  /** Failed with another code than UPSTREAM_OUTCOME_UNKNOWN, yet applied at the vendor. Must be empty. */
  phantom: string[];
  failed: number;
  /** Flagged UPSTREAM_OUTCOME_UNKNOWN: how many the vendor had applied, and how many not. */
  unknownApplied: number;
  unknownAbsent: number;
}

interface WmsRecord {
  shortID: string;
  name: string;
  city: string;
  zip: string;
}

export async function auditWrites(simulatorUrl: string, writes: ReadonlyArray<{ intent: WriteIntent; outcome: WriteOutcome }>): Promise<WriteAudit> {
  const held = await wmsCustomers(simulatorUrl);
  const audit: WriteAudit = { acknowledged: 0, lost: [], phantom: [], failed: 0, unknownApplied: 0, unknownAbsent: 0 };
  for (const { intent, outcome } of writes) {
    const record = held.get(intent.shortId);
    switch (outcome.kind) {
      case "acknowledged":
        audit.acknowledged++;
        if (!record || record.name !== intent.name || record.city !== intent.city || record.zip !== intent.zip) {
          audit.lost.push(`${intent.shortId}: ${record ? JSON.stringify(record) : "absent"}`);
        }
        break;
      case "unknown":
        if (record) audit.unknownApplied++;
        else audit.unknownAbsent++;
        break;
      case "failed":
      case "broken":
        audit.failed++;
        if (record) audit.phantom.push(`${intent.shortId} (${outcome.kind === "failed" ? outcome.codes.join(",") : `HTTP ${outcome.status}`})`);
        break;
      default: {
        const never: never = outcome;
        throw new Error(`unhandled outcome ${JSON.stringify(never)}`);
      }
    }
  }
  return audit;
}

/** Every customer the WMS simulator holds, by shortID, read page by page with its own OAuth token. */
async function wmsCustomers(simulatorUrl: string): Promise<Map<string, WmsRecord>> {
  const { clientId, clientSecret } = SIMULATOR_CREDENTIALS.wms;
  const tokenRes = await fetch(`${simulatorUrl}/wms/Token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const held = new Map<string, WmsRecord>();
  // Bounded: 1,000 pages of 250 is far beyond any run's writes.
  for (let page = 1; page <= 1_000; page++) {
    const res = await fetch(`${simulatorUrl}/wms/Customer/All?page=${page}&pageSize=250`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`WMS listing answered ${res.status} (are faults still set?)`);
    const body = (await res.json()) as { value: WmsRecord[]; hasMore: boolean };
    for (const c of body.value) held.set(c.shortID, c);
    if (!body.hasMore) return held;
  }
  throw new Error("WMS listing did not end within 1,000 pages");
}
