import { Client, cacheExchange, fetchExchange, gql } from "@urql/core";
import { cacheExchange as graphcache } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const KEY = "urql-key-0123456789abcdef";

const SOURCES = gql`
  query Sources {
    sources { source healthy }
  }
`;

const WMS_PAGE = gql`
  query WmsPage($after: String) {
    customers(first: 5, after: $after, filter: { sources: [WMS] }) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Records the method of each request urql sends, and passes it on. */
function recordingFetch(methods: string[]): typeof fetch {
  return (input, init) => {
    methods.push(init?.method ?? "GET");
    return fetch(input, init);
  };
}

describe("urql 6", () => {
  let keyed: TestGraph;
  let open: TestGraph;
  beforeAll(async () => {
    [keyed, open] = await Promise.all([
      startTestGraph({ callerKeys: `${KEY}=customers:read`, sizes: { wms: 12 } }),
      startTestGraph({ sizes: { wms: 12 } }),
    ]);
  });
  afterAll(async () => Promise.all([keyed?.close(), open?.close()]));

  it("queries with its default client (GET, only Accept) and a key: Authorization counts as the CSRF header", async () => {
    const methods: string[] = [];
    const client = new Client({
      url: `${keyed.graph.url}/graphql`,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${KEY}` } },
      fetch: recordingFetch(methods),
    });
    const result = await client.query(SOURCES, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect((result.data as { sources: unknown[] }).sources).toHaveLength(4);
    expect(methods).toEqual(["GET"]);
  });

  it("needs preferGetMethod: false without a key (keyless development), as docs/clients.md says", async () => {
    const url = `${open.graph.url}/graphql`;
    const byDefault = await new Client({ url, exchanges: [fetchExchange] }).query(SOURCES, {}).toPromise();
    expect(byDefault.error?.response?.status).toBe(400);
    expect(byDefault.error?.message).toContain("Cross-Site Request Forgery");
    const methods: string[] = [];
    const posting = new Client({ url, exchanges: [fetchExchange], preferGetMethod: false, fetch: recordingFetch(methods) });
    const result = await posting.query(SOURCES, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(methods).toEqual(["POST"]);
  });

  it("pages forward with graphcache's relayPagination(), merging the pages", async () => {
    const client = new Client({
      url: `${keyed.graph.url}/graphql`,
      exchanges: [graphcache({ resolvers: { Query: { customers: relayPagination() } } }), fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${KEY}` } },
    });
    type Page = { customers: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    let page = (await client.query<Page>(WMS_PAGE, {}).toPromise()).data!;
    expect(page.customers.edges).toHaveLength(5);
    while (page.customers.pageInfo.hasNextPage) {
      page = (await client.query<Page>(WMS_PAGE, { after: page.customers.pageInfo.endCursor }).toPromise()).data!;
    }
    // relayPagination answers every page's query with the list merged so far.
    expect(page.customers.edges).toHaveLength(12);
    expect(new Set(page.customers.edges.map((e) => e.node.id)).size).toBe(12);
  });
});
