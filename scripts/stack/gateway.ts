import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { loadExampleOperations } from "../../src/example-operations.js";
import { createGraphiqlHandler } from "../../src/graphiql/page.js";

export interface GatewayOptions {
  /** The composed supergraph SDL (scripts/compose-supergraph.ts). */
  supergraph: string;
  port?: number;
  /** Serve this project's GraphiQL (assets from node_modules, no CDN) at / and /graphiql. */
  graphiql?: boolean;
}

export interface RunningGateway {
  url: string;
  httpServer: Server;
  close(): Promise<void>;
}

/**
 * Hive Gateway in this process (@graphql-hive/gateway-runtime, with @graphql-mesh/transport-http beside it
 * for the HTTP subgraphs) over a supergraph, at /graphql. The caller's Authorization header goes on to every
 * subgraph: customer-graph authenticates and authorizes each `_entities` and root field itself.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = createGatewayRuntime({
    supergraph: options.supergraph,
    // Yoga's own GraphiQL loads from a CDN; the project's page below serves its assets itself.
    graphiql: false,
    landingPage: false,
    logging: "error",
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") }),
    },
  });
  const graphiql = options.graphiql ? createGraphiqlHandler({ endpoint: "/graphql", examples: loadExampleOperations() }) : undefined;
  const httpServer = createServer((req, res) => {
    if (graphiql && req.method === "GET" && !req.url?.startsWith("/graphql") && graphiql(req, res)) return;
    void gateway(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    httpServer,
    close: async () => {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await gateway.dispose();
    },
  };
}
