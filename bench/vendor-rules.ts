import type { SimVendor } from "../src/simulators/vendor-simulator.js";

/**
 * What each vendor's API allows, from the vendors' documentation as docs/vendors/ records it (not from our
 * connectors): the facts the bench computes the minimum number of vendor calls and round trips from. If a
 * connector does more than these rules need, the bench shows it; the rules never look at what the connectors do.
 */
export interface VendorRules {
  /** The stats name of the list call. */
  listCall: string;
  paging: { model: "FULL_LIST" } | { model: "PAGE_NUMBER"; maxPageSize: number } | { model: "NEXT_CURSOR"; maxLimit: number };
  /** Customer fields the list answer carries (the rest needs a per-customer call). */
  listFields: ReadonlySet<string>;
  /** The per-customer read (there is no batch read at any of the four vendors). */
  detailCall: string;
  /** Whether one list call can answer any set of ids (a FULL_LIST vendor's whole list does). */
  listAnswersIds: boolean;
  /** Related lists: how each is read. "detail": it comes with the per-customer read; "record": with the list. */
  related: Record<"contacts" | "locations", { from: "detail" | "record" } | { from: "own call"; call: string }>;
}

const CUSTOMER_FIELDS = ["id", "source", "sourceId", "name", "code", "active", "customerType", "email", "phone", "fax"];

export const VENDOR_RULES: Record<SimVendor, VendorRules> = {
  // docs/vendors/rpm.md: Customers returns Customer, CustomerID, Added, Modified (no paging); Customer returns the
  // full record with Contacts and Locations.
  rpm: {
    listCall: "Customers",
    paging: { model: "FULL_LIST" },
    listFields: new Set(["id", "source", "sourceId", "name", "active", "createdAt", "updatedAt"]),
    detailCall: "Customer",
    listAnswersIds: true,
    related: { contacts: { from: "detail" }, locations: { from: "detail" } },
  },
  // docs/vendors/wms.md: GET /Customer/All pages (pageSize 1..250) over full records; GET /Customer/{shortID}.
  wms: {
    listCall: "GET /Customer/All",
    paging: { model: "PAGE_NUMBER", maxPageSize: 250 },
    listFields: new Set([...CUSTOMER_FIELDS, "createdAt", "updatedAt"]),
    detailCall: "GET /Customer/{id}",
    listAnswersIds: false,
    related: { contacts: { from: "record" }, locations: { from: "record" } },
  },
  // docs/vendors/komet.md: customer.list is the whole (filterable) list, id= narrows it to one; contacts and
  // ship-tos have calls of their own per customer.
  komet: {
    listCall: "customer.list",
    paging: { model: "FULL_LIST" },
    listFields: new Set([...CUSTOMER_FIELDS, "createdAt", "updatedAt", "salesPerson", "accountingCode"]),
    detailCall: "customer.list",
    listAnswersIds: true,
    related: {
      contacts: { from: "own call", call: "customer.contact.list" },
      locations: { from: "own call", call: "customer.shipto.list" },
    },
  },
  // docs/vendors/connect.md: GET /customers?limit=1..1000&cursor=, forward only; GET /customers/{id}; addresses and
  // users come inside the customer record.
  connect: {
    listCall: "GET /customers",
    paging: { model: "NEXT_CURSOR", maxLimit: 1000 },
    listFields: new Set([...CUSTOMER_FIELDS, "createdAt", "updatedAt", "referenceId", "preferredLocale"]),
    detailCall: "GET /customers/{id}",
    listAnswersIds: false,
    related: { contacts: { from: "record" }, locations: { from: "record" } },
  },
};

/** Vendor list calls needed to read the window [offset, offset + count) of one vendor's list, from its start. */
export function listCallsFor(rules: VendorRules, offset: number, count: number, known: { resumable: boolean }): number {
  if (count <= 0) return 0;
  const paging = rules.paging;
  switch (paging.model) {
    case "FULL_LIST":
      return 1;
    case "PAGE_NUMBER": {
      // The page size may be chosen per call: one page holds the window when some size in [count, max] does.
      const last = offset + count - 1;
      if (count > paging.maxPageSize) return Math.ceil(count / paging.maxPageSize) + 1;
      for (let size = count; size <= paging.maxPageSize; size++) {
        if (Math.floor(offset / size) === Math.floor(last / size)) return 1;
      }
      return 2;
    }
    case "NEXT_CURSOR":
      // From a known vendor cursor the window is ceil(count / max) calls; without one, walk from the start.
      return known.resumable || offset === 0
        ? Math.ceil(count / paging.maxLimit)
        : Math.ceil((offset + count) / paging.maxLimit);
    default: {
      const never: never = paging;
      throw new Error(`unknown paging ${JSON.stringify(never)}`);
    }
  }
}
