import { readFileSync } from "node:fs";
import { graphql } from "graphql";
import { describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { composeSupergraph, exampleSubgraphs, type SubgraphSource } from "../../scripts/compose-supergraph.js";
import { DEFAULT_URLS, SUPERGRAPH_FILE } from "../../scripts/supergraph.js";

/** Another team's subgraph that has a Relay `node` of its own, as many company supergraphs do. */
const NODE_OWNER: SubgraphSource = {
  name: "catalog",
  url: "http://127.0.0.1:4300/",
  sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        interface Node { id: ID! }
        type Product implements Node @key(fields: "id") { id: ID! title: String! }
        type Query { node(id: ID!): Node }`,
};

const sdlOf = async (nodeFields: boolean) =>
  ((await graphql({ schema: await buildGraphSchema({ nodeFields }), source: "{ _service { sdl } }" })).data!._service as { sdl: string }).sdl;

describe("composition with other subgraphs (npm run supergraph)", () => {
  it("composes schema/subgraph.graphql with the example orders subgraph into the checked-in supergraph.graphql", () => {
    const supergraph = composeSupergraph(exampleSubgraphs(DEFAULT_URLS));
    expect(readFileSync(SUPERGRAPH_FILE, "utf8")).toBe(supergraph);
    expect(supergraph).toMatch(/type Customer implements Node @join__type\(graph: CUSTOMERS, key: "id"\) @join__type\(graph: CUSTOMERS, key: "source sourceId"\) @join__type\(graph: ORDERS, key: "source sourceId"\) @join__type\(graph: ORDERS, key: "id"\)/);
    expect(supergraph).toMatch(/orders: \[Order!\]! @join__field\(graph: ORDERS\)/);
  });

  it("fails, naming the conflict, when the subgraphs stop agreeing", () => {
    const [customers, orders] = exampleSubgraphs(DEFAULT_URLS);
    const broken = { ...orders!, sdl: orders!.sdl.replace("sourceId: ID!", "sourceId: Int!") };
    expect(() => composeSupergraph([customers!, broken])).toThrow(/sourceId/);
  });

  it("collides with a subgraph that has its own node(id), and composes with it once node/nodes are left out (SUBGRAPH_NODE_FIELDS=false)", async () => {
    const orders = exampleSubgraphs(DEFAULT_URLS)[1]!;
    const customers = (sdl: string): SubgraphSource => ({ name: "customers", url: DEFAULT_URLS.customers, sdl });
    const withNode = customers(await sdlOf(true));
    expect(() => composeSupergraph([withNode, orders, NODE_OWNER])).toThrow(/Query\.node/);
    const supergraph = composeSupergraph([customers(await sdlOf(false)), orders, NODE_OWNER]);
    expect(supergraph).toMatch(/node\(id: ID!\): Node @join__field\(graph: CATALOG\)/);
  });
});
