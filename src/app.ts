import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { SIMULATOR_CREDENTIALS, type Config, type VendorEndpoints } from "./config.js";
import { loadCallerKeys } from "./auth/load-caller-keys.js";
import { decideStartupPolicy } from "./auth/startup-policy.js";
import { IdCodec } from "./ids.js";
import { CursorCodec } from "./pagination/cursor-codec.js";
import { startGraphServer, type RunningGraphServer } from "./server.js";
import type { RunningSimulators } from "./simulators/server.js";
import { createSharedState } from "./state/create-shared-state.js";
import type { SharedState } from "./state/shared-state.js";
import { ResponseCache } from "./sources/cache/response-cache.js";
import { createSources } from "./sources/registry.js";
import { VendorBudget } from "./budget/vendor-budget.js";
import { loadTrustedDocuments } from "./trusted-documents/manifest.js";

export interface RunningApp {
  graph: RunningGraphServer;
  /** Present when no vendor was configured and the simulators run embedded. */
  simulators?: RunningSimulators;
  /** One line for the start-up output: how callers are authenticated and where the graph listens. */
  securityNotice: string;
  /** Present when VENDOR_CACHE_TTL_MS turns the response cache on. */
  responseCache?: ResponseCache;
  /** Redis when REDIS_URL is set, this process otherwise. */
  sharedState: SharedState;
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
export async function startApp(
  config: Config,
  schema: GraphQLSchema,
  logger: Logger,
  /** Bench only: see GraphServerOptions.budgetAccounting. */
  benchOptions: { budgetAccounting?: boolean } = {},
): Promise<RunningApp> {
  const embedded = Object.keys(config.vendors).length === 0;
  // Before anything starts: a bad key list or a missing one in front of real vendors stops the start here.
  const callerKeys = loadCallerKeys(config);
  const trustedDocuments = config.trustedDocuments && {
    documents: loadTrustedDocuments(config.trustedDocuments.paths),
    mode: config.trustedDocuments.mode,
  };
  const policy = decideStartupPolicy({
    vendors: Object.keys(config.vendors).map((v) => v.toUpperCase()),
    keys: callerKeys?.size ?? 0,
    allowInsecureNoAuth: config.allowInsecureNoAuth,
    host: config.host,
    production: config.production,
    idSecretSet: config.idSecretSet,
  });
  const simulators = embedded
    ? // Loaded only when used: the simulators' seed data (faker) costs about 45 MB of RSS in front of real vendors.
      await (await import("./simulators/server.js")).startSimulators({
        port: config.simulator.port,
        sizes: config.simulator.sizes,
        seed: config.simulator.seed,
      })
    : undefined;
  const vendors = simulators ? simulatorEndpoints(simulators) : config.vendors;
  // Shared by every instance (REDIS_URL) or this process only: quotas, caller budgets, the WMS token, edit locks.
  let sharedState: SharedState;
  try {
    // Before the sources, which keep their state in it (the WMS token); an unreachable Redis stops the start here.
    sharedState = await createSharedState(config.redisUrl, logger);
  } catch (err) {
    await simulators?.close();
    throw err;
  }
  const sources = createSources(vendors, {
    timeoutMs: config.vendorTimeoutMs,
    concurrency: config.vendorConcurrency,
    resilience: config.resilience,
    sharedState,
  });
  const budget = new VendorBudget(config.budget, sharedState);
  const responseCache = config.responseCache.ttlMs > 0 ? new ResponseCache(sources, config.responseCache, sharedState) : undefined;
  const graph = await startGraphServer({
    schema,
    services: {
      sources,
      ids: new IdCodec(config.idSecret),
      cursors: new CursorCodec(config.idSecret),
      logger,
      responseCache,
      sharedState,
      budget,
    },
    port: config.port,
    host: policy.host,
    production: config.production,
    limits: config.limits,
    connections: config.connections,
    graphiql: config.graphiql,
    callerKeys: policy.authenticate ? callerKeys : null,
    corsOrigins: config.corsOrigins,
    trustedDocuments,
    budgetAccounting: benchOptions.budgetAccounting,
  });
  return {
    graph,
    simulators,
    securityNotice: policy.notice,
    responseCache,
    sharedState,
    // The graph first: requests in flight may still need the vendors (and the embedded simulators) until they
    // finish; then the vendors' keep-alive connections, then the simulators, and the shared state last.
    close: async () => {
      try {
        await graph.close();
        await Promise.all([...sources.values()].map((source) => source.close?.()));
      } finally {
        try {
          await simulators?.close();
        } finally {
          await sharedState.close();
        }
      }
    },
  };
}
