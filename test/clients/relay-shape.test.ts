import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/**
 * The queries relay-compiler generates for docs/clients.md's fragments (Relay is not installed here): a
 * @refetchable fragment on a Node type refetches through `node(id:)`, and a @connection pages `customers` with
 * `edges { cursor node { __typename } }` and `pageInfo { endCursor hasNextPage }` added by the compiler.
 */
const REFETCH = `
  query CustomerCardRefetchQuery($id: ID!) {
    node(id: $id) { __typename ...CustomerCard_customer id }
  }
  fragment CustomerCard_customer on Customer { id name email }
`;

const PAGINATION = `
  query CustomerListPaginationQuery($after: String, $filter: CustomerFilter, $first: Int = 20) {
    ...CustomerList_query_1G22uz
  }
  fragment CustomerList_query_1G22uz on Query {
    customers(first: $first, after: $after, filter: $filter) {
      edges { node { id ...CustomerCard_customer __typename } cursor }
      pageInfo { endCursor hasNextPage }
    }
  }
  fragment CustomerCard_customer on Customer { id name email }
`;

interface Page {
  customers: { edges: Array<{ cursor: string; node: { id: string; name: string } }>; pageInfo: { endCursor: string; hasNextPage: boolean } };
}

describe("the queries Relay sends", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { komet: 7 } });
  });
  afterAll(async () => t?.close());

  it("pages a connection forward and refetches a record by its id through node", async () => {
    const filter = { sources: ["KOMET"] };
    const first = await t.query<Page>(PAGINATION, { first: 4, filter });
    expect(first.errors).toBeUndefined();
    const second = await t.query<Page>(PAGINATION, { first: 4, filter, after: first.data!.customers.pageInfo.endCursor });
    const all = [...first.data!.customers.edges, ...second.data!.customers.edges].map((e) => e.node);
    expect(all).toHaveLength(7);
    expect(new Set(all.map((n) => n.id)).size).toBe(7);
    expect(second.data!.customers.pageInfo.hasNextPage).toBe(false);

    const refetched = await t.query<{ node: { __typename: string; id: string; name: string } }>(REFETCH, { id: all[5]!.id });
    expect(refetched.data!.node).toEqual(expect.objectContaining({ __typename: "Customer", id: all[5]!.id, name: all[5]!.name }));
  });
});
