import { SOURCE_NAMES, type SourceName } from "../../../src/model.js";
import type { TestGraph } from "../../support/graph.js";
import type { Samples } from "../arbitraries/values.js";

interface Page {
  pageInfo: { startCursor: string | null; endCursor: string | null };
  nodes: Array<{
    id: string;
    sourceId: string;
    contacts: Connection | null;
    locations: Connection | null;
    accounts: Connection | null;
  }>;
}
interface Connection {
  pageInfo: { endCursor: string | null };
  nodes: Array<{ id: string }>;
}

const SAMPLE_QUERY = `query Samples($filter: CustomerFilter, $first: Int) {
  customers(first: $first, filter: $filter) {
    pageInfo { startCursor endCursor }
    nodes {
      id sourceId
      contacts(first: 1) { pageInfo { endCursor } nodes { id } }
      locations(first: 1) { pageInfo { endCursor } nodes { id } }
      accounts(first: 1) { pageInfo { endCursor } nodes { id } }
    }
  }
}`;

/** Real ids, vendor keys and cursors read from the running graph, for the generators to mix in. */
export async function collectSamples(t: TestGraph): Promise<Samples> {
  const customerIdsBySource = Object.fromEntries(SOURCE_NAMES.map((s) => [s, [] as string[]])) as Record<SourceName, string[]>;
  const samples: Samples = { customerIds: [], customerIdsBySource, childIds: [], sourceIds: [], cursors: [] };
  const filters: Array<{ sources?: SourceName[]; search?: string; active?: boolean } | undefined> = [
    undefined,
    ...SOURCE_NAMES.map((s) => ({ sources: [s] })),
    { search: "a" },
    { active: true, sources: ["WMS", "CONNECT"] },
  ];
  for (const filter of filters) {
    const res = await t.query<{ customers: Page }>(SAMPLE_QUERY, { filter, first: filter?.sources ? 4 : 3 });
    const page = res.data?.customers;
    if (!page) throw new Error(`sample query failed: ${JSON.stringify(res.errors)}`);
    samples.cursors.push(...[page.pageInfo.startCursor, page.pageInfo.endCursor].filter((c): c is string => c !== null));
    for (const node of page.nodes) {
      samples.sourceIds.push(node.sourceId);
      if (filter?.sources?.length === 1) {
        samples.customerIds.push(node.id);
        customerIdsBySource[filter.sources[0]!].push(node.id);
      }
      for (const related of [node.contacts, node.locations, node.accounts]) {
        if (!related) continue;
        samples.childIds.push(...related.nodes.map((n) => n.id));
        if (related.pageInfo.endCursor) samples.cursors.push(related.pageInfo.endCursor);
      }
    }
  }
  for (const source of SOURCE_NAMES) {
    if (customerIdsBySource[source].length === 0) throw new Error(`no sample customers of ${source}`);
  }
  samples.sourceIds = [...new Set(samples.sourceIds)];
  samples.cursors = [...new Set(samples.cursors)];
  return samples;
}
