import type { SimVendor } from "../src/simulators/vendor-simulator.js";
import { callsBetween, fetchStats, totalCalls, type CallCounts } from "./vendor-calls.js";

/**
 * The browsing workload of issue 10 item 7: users paging through a vendor's customers, opening three customers
 * of each page with their contacts, paging on, and renaming a WMS customer on one WMS page visit in ten. Every
 * rename is read back at once from the next instance (the next of `graphUrls`): an acknowledged write must be
 * what the very next read sees. Run against a graph with the response cache on, it measures how many reads the
 * vendors' calls serve.
 */
export interface BrowsingOptions {
  /** The graph instances (their base URLs); users and read-backs go round them. */
  graphUrls: readonly string[];
  /** The simulators' base URL, whose /__sim/stats counts the vendor calls. */
  simulatorUrl: string;
  users?: number;
  durationMs?: number;
  pageSize?: number;
  /** A WMS page visit renames one of its customers once in this many visits. */
  renameEvery?: number;
  /** Each user stops after this many page visits (or at the end of durationMs); a fixed amount of work for tests. */
  maxVisits?: number;
  /** Sent with every request (a caller key). */
  headers?: Record<string, string>;
}

export interface BrowsingResult {
  /** GraphQL read operations answered (pages and customer openings; read-backs included). */
  reads: number;
  /** Renames the graph acknowledged, and how many of them the next read (on another instance) showed. */
  writes: number;
  writesReadBack: number;
  /** The distinct customers opened per vendor: what a cache that keeps records across writes reads at most once. */
  opened: Record<(typeof VENDORS)[number], number>;
  /** What went wrong, one line each: an error answer, a read-back that did not show its write. */
  failures: string[];
  vendorCalls: CallCounts;
  totalVendorCalls: number;
  readsPerVendorCall: number;
}

const VENDORS = ["WMS", "RPM", "KOMET", "CONNECT"] as const;
const PAGE = `query($first: Int!, $after: String, $source: Source!) {
  customers(first: $first, after: $after, filter: { sources: [$source] }) { pageInfo { hasNextPage endCursor } nodes { id name } }
}`;
const OPEN = `query($id: ID!) { customer(id: $id) { id name contacts(first: 5) { nodes { name } } } }`;
const RENAME = `mutation($id: ID!, $name: String!) { editCustomer(input: { id: $id, name: $name }) { customer { name } userErrors { message } } }`;

type Answer<T> = { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
type Page = { customers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string; name: string }> } };

export async function runBrowsingWorkload(options: BrowsingOptions): Promise<BrowsingResult> {
  const { graphUrls, simulatorUrl } = options;
  const users = options.users ?? 20;
  const pageSize = options.pageSize ?? 20;
  const renameEvery = options.renameEvery ?? 10;
  const deadline = Date.now() + (options.durationMs ?? 40_000);
  const result = { reads: 0, writes: 0, writesReadBack: 0, failures: [] as string[] };
  const opened = new Map(VENDORS.map((v) => [v, new Set<string>()]));

  const post = async <T>(url: string, query: string, variables: Record<string, unknown>): Promise<Answer<T>> => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Answer<T>;
    if (res.status >= 500 || body.errors) result.failures.push(`HTTP ${res.status}: ${body.errors?.map((e) => e.extensions?.code ?? e.message).join(", ")}`);
    return body;
  };
  const read = async <T>(url: string, query: string, variables: Record<string, unknown>) => {
    result.reads += 1;
    return post<T>(url, query, variables);
  };

  async function user(n: number): Promise<void> {
    const source = VENDORS[n % VENDORS.length]!;
    const url = (k: number) => graphUrls[(n + k) % graphUrls.length]!;
    let after: string | null = null;
    let visits = 0;
    let renames = 0;
    while (Date.now() < deadline && visits < (options.maxVisits ?? Infinity)) {
      const page: Answer<Page> = await read<Page>(url(visits), PAGE, { first: pageSize, after, source });
      const customers = page.data?.customers;
      if (!customers) return;
      visits += 1;
      // Three customers of the page, spread over it, each with its contacts.
      const nodes = customers.nodes;
      for (const i of [0, 1, 2].map((k) => Math.floor((k * nodes.length) / 3))) {
        if (!nodes[i]) continue;
        opened.get(source)!.add(nodes[i]!.id);
        await read(url(visits + i), OPEN, { id: nodes[i]!.id });
      }
      if (source === "WMS" && nodes.length > 0 && (visits + n) % renameEvery === 0) {
        const target = nodes[(visits * 7) % nodes.length]!;
        const name = `Browsing user ${n} rename ${++renames}`;
        const edit = await post<{ editCustomer: { customer: { name: string } | null } }>(url(visits), RENAME, { id: target.id, name });
        if (edit.data?.editCustomer.customer?.name === name) {
          result.writes += 1;
          // The very next read, from the next instance.
          const back = await read<{ customer: { name: string } | null }>(url(visits + 1), OPEN, { id: target.id });
          if (back.data?.customer?.name === name) result.writesReadBack += 1;
          else result.failures.push(`rename ${JSON.stringify(name)} read back as ${JSON.stringify(back.data?.customer?.name)}`);
        }
      }
      after = customers.pageInfo.hasNextPage ? customers.pageInfo.endCursor : null;
    }
  }

  const before = await fetchStats(simulatorUrl);
  await Promise.all(Array.from({ length: users }, (_, n) => user(n)));
  const vendorCalls = callsBetween(before, await fetchStats(simulatorUrl));
  const total = totalCalls(vendorCalls);
  const openedCounts = Object.fromEntries([...opened].map(([v, ids]) => [v, ids.size])) as BrowsingResult["opened"];
  return { ...result, opened: openedCounts, vendorCalls, totalVendorCalls: total, readsPerVendorCall: total === 0 ? result.reads : result.reads / total };
}

/** One line for a report: reads, writes and their read-backs, vendor calls by vendor, reads per vendor call. */
export function browsingSummary(r: BrowsingResult): string {
  const byVendor = (Object.entries(r.vendorCalls) as Array<[SimVendor, Record<string, number>]>)
    .map(([vendor, ops]) => `${vendor} ${Object.values(ops).reduce((a, b) => a + b, 0)}`)
    .join(", ");
  return `${r.reads} reads, ${r.writes} renames (${r.writesReadBack} read back at once), ${r.totalVendorCalls} vendor calls (${byVendor}): ${r.readsPerVendorCall.toFixed(1)} reads per vendor call`;
}
