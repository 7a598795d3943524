import { changeWindowStart } from "../change-window.js";
import type { SourceFreshness } from "../source.js";
import type { WmsClient } from "./client.js";
import { formatWmsDateTime } from "./map.js";

/**
 * WMS's change token is the list's `modifiedSince`: one page of the customers modified since then. An empty
 * page (totalCount 0) means nothing changed; a page that holds them all names the customers that did, so the
 * others' cached records still hold. Every write (upsert, discontinue) stamps `modified` (the docs' upsert
 * answer shows it), so nothing a read returns changes without showing here.
 */
export function wmsFreshness(client: WmsClient, maxPageSize: number): SourceFreshness {
  return {
    async changesSince(since, meter) {
      const page = await client.listCustomers({
        page: 1,
        pageSize: maxPageSize,
        modifiedSince: formatWmsDateTime(changeWindowStart(since)),
      }, meter);
      if (page.totalCount === 0) return { kind: "unchanged" };
      const complete = page.value.length >= page.totalCount;
      return { kind: "changed", customers: complete ? new Set(page.value.map((c) => c.shortID)) : null };
    },
  };
}
