import { SIMULATOR_CREDENTIALS } from "../../src/config.js";
import type { RunningSimulators } from "../../src/simulators/server.js";
import type { SimVendor } from "../../src/simulators/vendor-simulator.js";

/**
 * Each vendor's own listing of customer keys, in its natural order, read over raw HTTP straight from the
 * simulator (no connector involved): the yardstick the graph's paging is compared against. It counts as
 * vendor calls, so take it before resetting the stats.
 */
export async function vendorListing(sims: RunningSimulators, vendor: SimVendor): Promise<string[]> {
  const base = sims.baseUrls[vendor];
  switch (vendor) {
    case "rpm": {
      const res = await fetch(`${base}/Customers`, {
        method: "POST",
        headers: { RpmApiKey: SIMULATOR_CREDENTIALS.rpm.apiKey, "content-type": "application/json" },
        body: "{}",
      });
      const body = (await res.json()) as { Result: { Customers: Array<{ CustomerID: number }> } };
      return body.Result.Customers.map((c) => String(c.CustomerID));
    }
    case "wms": {
      const token = (await (
        await fetch(`${base}/Token`, {
          method: "POST",
          body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: SIMULATOR_CREDENTIALS.wms.clientId,
            client_secret: SIMULATOR_CREDENTIALS.wms.clientSecret,
          }),
        })
      ).json()) as { access_token: string };
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const res = await fetch(`${base}/Customer/All?page=${page}&pageSize=250`, {
          headers: { authorization: `Bearer ${token.access_token}` },
        });
        const body = (await res.json()) as { value: Array<{ shortID: string }>; hasMore: boolean };
        ids.push(...body.value.map((c) => c.shortID));
        if (!body.hasMore) return ids;
      }
    }
    case "komet": {
      const res = await fetch(`${base}/customer.list?authenticationToken=${SIMULATOR_CREDENTIALS.komet.token}&includeInactive=true`);
      const body = (await res.json()) as { customers: Array<{ id: string | number }> };
      return body.customers.map((c) => String(c.id));
    }
    case "connect": {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const url = `${base}/customers?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const res = await fetch(url, { headers: { "X-API-Key": SIMULATOR_CREDENTIALS.connect.apiKey } });
        const body = (await res.json()) as { items: Array<{ customerId: string }>; pagination?: { nextCursor?: string } };
        ids.push(...body.items.map((c) => c.customerId));
        cursor = body.pagination?.nextCursor;
      } while (cursor);
      return ids;
    }
  }
}
