import { readFileSync } from "node:fs";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";
import { parse } from "graphql";

/** A subgraph to compose: its name in the supergraph, where the gateway reaches it, and its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export const CUSTOMERS_SUBGRAPH_FILE = new URL("../schema/subgraph.graphql", import.meta.url);
export const ORDERS_SUBGRAPH_FILE = new URL("../examples/orders/schema.graphql", import.meta.url);

/** customer-graph's checked-in subgraph SDL and the example orders subgraph, at the given URLs. */
export function exampleSubgraphs(urls: { customers: string; orders: string }): SubgraphSource[] {
  return [
    { name: "customers", url: urls.customers, sdl: readFileSync(CUSTOMERS_SUBGRAPH_FILE, "utf8") },
    { name: "orders", url: urls.orders, sdl: readFileSync(ORDERS_SUBGRAPH_FILE, "utf8") },
  ];
}

export class CompositionError extends Error {
  override readonly name = "CompositionError";
}

/**
 * Composes subgraphs into a supergraph SDL (what Hive Gateway and Apollo Router serve) with
 * @theguild/federation-composition, the MIT drop-in for Apollo's composition. Throws with every composition
 * error when the subgraphs do not compose.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (compositionHasErrors(result)) {
    throw new CompositionError(`The subgraphs do not compose:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return result.supergraphSdl;
}
