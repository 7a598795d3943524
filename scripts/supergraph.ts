import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { composeSupergraph, exampleSubgraphs } from "./compose-supergraph.js";

/**
 * `npm run supergraph`: composes schema/subgraph.graphql (run `npm run schema` first after changing a type)
 * with the example orders subgraph into supergraph.graphql. The URLs are where a gateway reaches each subgraph:
 * CUSTOMERS_URL and ORDERS_URL, by default the local `npm start` and `tsx examples/orders/server.ts`.
 */
export const SUPERGRAPH_FILE = fileURLToPath(new URL("../supergraph.graphql", import.meta.url));
export const DEFAULT_URLS = { customers: "http://127.0.0.1:4000/graphql", orders: "http://127.0.0.1:4200/" };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const sdl = composeSupergraph(
      exampleSubgraphs({ customers: process.env.CUSTOMERS_URL ?? DEFAULT_URLS.customers, orders: process.env.ORDERS_URL ?? DEFAULT_URLS.orders }),
    );
    writeFileSync(SUPERGRAPH_FILE, sdl);
    console.log(`wrote ${SUPERGRAPH_FILE}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
