import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FirstCustomersDocument } from "../generated/client/graphql.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const KEY = "apollo-client-key-0123456789abcdef";

const WMS_CUSTOMERS = gql`
  query WmsCustomers($after: String) {
    customers(first: 5, after: $after, filter: { sources: [WMS] }) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const RENAME = gql`
  mutation Rename($id: ID!, $name: String!) {
    editCustomer(input: { id: $id, name: $name }) {
      customer { id name }
      userErrors { field message code }
    }
  }
`;

interface Page {
  customers: { edges: Array<{ cursor: string; node: { id: string; name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

/** Apollo Client 4 (core, no React) as docs/clients.md sets it up. */
function createClient(url: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: `${url}/graphql`, headers: { authorization: `Bearer ${KEY}` } }),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { customers: relayStylePagination(["filter"]) } } },
    }),
  });
}

describe("Apollo Client 4 (core)", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ callerKeys: `${KEY}=customers:read,customers:write`, sizes: { wms: 12 } });
  });
  afterAll(async () => t?.close());

  it("pages forward with fetchMore, merging the pages into one list", async () => {
    const client = createClient(t.graph.url);
    const observable = client.watchQuery<Page>({ query: WMS_CUSTOMERS });
    const results: Page[] = [];
    const subscription = observable.subscribe(({ data }) => {
      if (data) results.push(data as Page);
    });
    try {
      const first = await observable.refetch();
      expect(first.data!.customers.edges).toHaveLength(5);
      const second = await observable.fetchMore({ variables: { after: first.data!.customers.pageInfo.endCursor } });
      expect(second.data!.customers.edges).toHaveLength(5);
      await observable.fetchMore({ variables: { after: (client.readQuery<Page>({ query: WMS_CUSTOMERS })!).customers.pageInfo.endCursor } });

      const merged = client.readQuery<Page>({ query: WMS_CUSTOMERS })!.customers;
      expect(merged.edges).toHaveLength(12);
      expect(new Set(merged.edges.map((e) => e.node.id)).size).toBe(12);
      expect(merged.pageInfo.hasNextPage).toBe(false);
      // The watching query sees the merged list too (delivered asynchronously).
      await vi.waitFor(() => expect(results.at(-1)!.customers.edges).toHaveLength(12));
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  });

  it("updates the cached list after a mutation, with no further read", async () => {
    const client = createClient(t.graph.url);
    try {
      const { data } = await client.query<Page>({ query: WMS_CUSTOMERS });
      const target = data!.customers.edges[1]!.node;
      t.resetStats();
      const result = await client.mutate<{ editCustomer: { userErrors: unknown[] } }>({
        mutation: RENAME,
        variables: { id: target.id, name: "Renamed By Apollo Client" },
      });
      expect(result.data!.editCustomer.userErrors).toEqual([]);
      // The cache normalised the answer by Customer id: the list already shows the new name.
      const cached = client.readQuery<Page>({ query: WMS_CUSTOMERS })!;
      expect(cached.customers.edges[1]!.node).toEqual({ __typename: "Customer", id: target.id, name: "Renamed By Apollo Client" });
      expect(t.calls("wms", "GET /Customer/All")).toBe(0);
    } finally {
      client.stop();
    }
  });
});

describe("Apollo Client 4 with trusted documents", () => {
  let t: TestGraph;
  beforeAll(async () => {
    const manifest = new URL("../generated/client/persisted-documents.json", import.meta.url).pathname;
    t = await startTestGraph({ callerKeys: `${KEY}=customers:read`, trustedDocuments: { paths: [manifest], mode: "enforce" } });
  });
  afterAll(async () => t?.close());

  it("sends the codegen hash instead of the text, and normalises the answer", async () => {
    const bodies: string[] = [];
    const client = new ApolloClient({
      link: new PersistedQueryLink({
        generateHash: (document) => (document as unknown as { __meta__: { hash: string } }).__meta__.hash,
      }).concat(
        new HttpLink({
          uri: `${t.graph.url}/graphql`,
          headers: { authorization: `Bearer ${KEY}` },
          fetch: (input, init) => {
            bodies.push(String(init?.body));
            return fetch(input, init);
          },
        }),
      ),
      cache: new InMemoryCache(),
    });
    try {
      const { data } = await client.query({ query: FirstCustomersDocument });
      expect(data!.customers.edges).toHaveLength(5);
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).not.toContain("customers");
      expect(bodies[0]).toContain(hashOf(FirstCustomersDocument));
      // The manifest's text has __typename, so the cache knows each customer by its id.
      const ids = Object.keys(client.cache.extract() as object).filter((key) => key.startsWith("Customer:"));
      expect(ids).toHaveLength(5);
    } finally {
      client.stop();
    }
  });
});

function hashOf(document: unknown): string {
  return (document as { __meta__: { hash: string } }).__meta__.hash.replace(/^sha256:/, "");
}
