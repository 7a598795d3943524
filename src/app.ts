import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { SIMULATOR_CREDENTIALS, type Config, type VendorEndpoints } from "./config.js";
import { IdCodec } from "./ids.js";
import { CursorCodec } from "./pagination/cursor-codec.js";
import { startGraphServer, type RunningGraphServer } from "./server.js";
import { startSimulators, type RunningSimulators } from "./simulators/server.js";
import { createSources } from "./sources/registry.js";

export interface RunningApp {
  graph: RunningGraphServer;
  /** Present when no vendor was configured and the simulators run embedded. */
  simulators?: RunningSimulators;
  close(): Promise<void>;
}

/** Every vendor pointed at the simulators, with their fixed test credentials. */
export function simulatorEndpoints(sims: RunningSimulators): VendorEndpoints {
  return {
    rpm: { url: sims.baseUrls.rpm, ...SIMULATOR_CREDENTIALS.rpm },
    wms: { url: sims.baseUrls.wms, ...SIMULATOR_CREDENTIALS.wms },
    komet: { url: sims.baseUrls.komet, ...SIMULATOR_CREDENTIALS.komet },
    connect: { url: sims.baseUrls.connect, ...SIMULATOR_CREDENTIALS.connect },
  };
}

/**
 * Composes the service from its configuration: the configured vendors, or (with none configured) the
 * simulators embedded on loopback, so that a new user gets a working graph at once.
 */
export async function startApp(config: Config, schema: GraphQLSchema, logger: Logger): Promise<RunningApp> {
  const embedded = Object.keys(config.vendors).length === 0;
  const simulators = embedded
    ? await startSimulators({ port: config.simulator.port, sizes: config.simulator.sizes, seed: config.simulator.seed })
    : undefined;
  const vendors = simulators ? simulatorEndpoints(simulators) : config.vendors;
  const sources = createSources(vendors, { timeoutMs: config.vendorTimeoutMs, concurrency: config.vendorConcurrency });
  const graph = await startGraphServer({
    schema,
    services: { sources, ids: new IdCodec(config.idSecret), cursors: new CursorCodec(config.idSecret), logger },
    port: config.port,
    // With no caller authentication configured the graph must not be reachable from other machines.
    host: config.host ?? "127.0.0.1",
    production: config.production,
  });
  return {
    graph,
    simulators,
    close: async () => {
      await graph.close();
      await simulators?.close();
    },
  };
}
