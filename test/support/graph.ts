import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { pino, type Logger } from "pino";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { simulatorEndpoints } from "../../src/app.js";
import { CallerKeyStore } from "../../src/auth/caller-key-store.js";
import { parseCallerKeysText } from "../../src/auth/caller-keys-text.js";
import { VendorBudget } from "../../src/budget/vendor-budget.js";
import { loadConfig, type BudgetConfig, type QueryLimits, type Resilience, type VendorEndpoints } from "../../src/config.js";
import { NO_ORIGINS, type AllowedOrigins } from "../../src/http/allowed-origins.js";
import { IdCodec } from "../../src/ids.js";
import { CursorCodec } from "../../src/pagination/cursor-codec.js";
import { startGraphServer, type RunningGraphServer } from "../../src/server.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import type { SimVendor } from "../../src/simulators/vendor-simulator.js";
import type { ResponseCacheSettings } from "../../src/sources/cache/cache-settings.js";
import type { SharedState } from "../../src/state/shared-state.js";
import { createSharedState } from "../../src/state/create-shared-state.js";
import { ResponseCache } from "../../src/sources/cache/response-cache.js";
import { createSources } from "../../src/sources/registry.js";
import type { TrustedDocumentsMode } from "../../src/trusted-documents/gate.js";
import { loadTrustedDocuments } from "../../src/trusted-documents/manifest.js";

/** The id secret of test graphs, so tests can mint ids of records that do not exist. */
export const TEST_ID_SECRET = "test-id-secret-0123456789";

export interface GraphResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  /** What the request cost (src/budget/vendor-budget.plugin.ts), and which answers came stale from the cache. */
  extensions?: { cost?: ResponseCost; stale?: Array<{ source: string; ageSeconds: number }> };
}

export interface ResponseCost {
  vendorCalls: { estimated: number; actual: number; bySource: Record<string, number> };
  caller?: { limit: number; remaining: number; resetsAt: string };
}

export interface TestGraph {
  sims: RunningSimulators;
  graph: RunningGraphServer;
  /** This graph's shared state (Redis with `redisUrl`, else in process), for tests to see whether Redis answers. */
  sharedState: SharedState;
  /** POSTs one operation to /graphql over real HTTP; `key` is sent as `Authorization: Bearer <key>`. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, request?: TestRequest): Promise<GraphResult<T>>;
  /** Runs a codegen-typed operation (test/generated/graphql.ts): result and variables are checked by tsc. */
  run<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables?: V, request?: TestRequest): Promise<GraphResult<R>>;
  /** Vendor calls counted by the simulators since the last resetStats(). */
  stats(): Partial<Record<SimVendor, Record<string, number>>>;
  /** Total calls to one vendor operation since the last resetStats(). */
  calls(vendor: SimVendor, operation?: string): number;
  resetStats(): void;
  close(): Promise<void>;
}

export interface TestRequest {
  /** A caller key, sent as `Authorization: Bearer <key>`. */
  key?: string;
}

export interface TestGraphOptions {
  /** CALLER_KEYS text (`key=customers:read,source:WMS;...`); the server then requires a key. None: open. */
  callerKeys?: string;
  sizes?: Partial<Record<SimVendor, number>>;
  timeoutMs?: number;
  /** The server's logger; silent when absent. Leak tests pass one that writes to memory. */
  logger?: Logger;
  /** Where the vendors are and with which credentials; the simulators with their own when absent. */
  vendors?: (sims: RunningSimulators) => VendorEndpoints | Promise<VendorEndpoints>;
  /** Query limits over the defaults (those of an empty environment), e.g. `{ maxDepth: 6 }`. */
  limits?: Partial<QueryLimits>;
  /** Vendor retries, breaker and bulkhead over the defaults (an empty environment's), e.g. `{ breakerHalfOpenMs: 200 }`. */
  resilience?: Partial<Resilience>;
  /** Production mode: introspection and field suggestions off, GraphiQL off unless `graphiql`. */
  production?: boolean;
  graphiql?: boolean;
  /** The response cache on with these settings (VENDOR_CACHE_TTL_MS and friends); off when absent. */
  responseCache?: ResponseCacheSettings;
  /** The vendor budget over an empty environment's (MAX_VENDOR_CALLS 250, no quotas, no caller budgets). */
  budget?: Partial<BudgetConfig>;
  /** The clock of the budget's windows (quota days, caller windows). */
  now?: () => number;
  /** Browser origins allowed by CORS; as CORS_ORIGINS unset would (any loopback origin, none in production) when absent. */
  corsOrigins?: AllowedOrigins;
  /** TRUSTED_DOCUMENTS: manifest paths and mode (enforce when absent); any document runs when absent. */
  trustedDocuments?: { paths: string[]; mode?: TrustedDocumentsMode };
  /** REDIS_URL: this graph's state shared through that Redis (its own connection); in process when absent. */
  redisUrl?: string;
  /**
   * Simulators already running (another instance's): this graph is a second instance in front of them, and its
   * close() leaves them running. Its own when absent.
   */
  sims?: RunningSimulators;
}

/** The real server, over HTTP, in front of the real simulators: what graph tests drive. */
export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const sims = options.sims ?? (await startSimulators({ sizes: options.sizes }));
  const vendors = (await options.vendors?.(sims)) ?? simulatorEndpoints(sims);
  const logger = options.logger ?? pino({ level: "silent" });
  const sharedState = await createSharedState(options.redisUrl, logger);
  const sources = createSources(vendors, {
    timeoutMs: options.timeoutMs ?? 5_000,
    concurrency: 8,
    resilience: { ...loadConfig({}).resilience, ...options.resilience },
    sharedState,
  });
  const graph = await startGraphServer({
    schema: await buildGraphSchema(),
    services: {
      sources,
      ids: new IdCodec(TEST_ID_SECRET),
      cursors: new CursorCodec(TEST_ID_SECRET),
      logger,
      responseCache: options.responseCache && new ResponseCache(sources, options.responseCache, sharedState),
      sharedState,
      budget: new VendorBudget({ ...loadConfig({}).budget, ...options.budget }, sharedState, options.now),
    },
    port: 0,
    host: "127.0.0.1",
    production: options.production ?? false,
    limits: { ...loadConfig({}).limits, ...options.limits },
    graphiql: options.graphiql ?? !options.production,
    callerKeys: options.callerKeys ? new CallerKeyStore(parseCallerKeysText(options.callerKeys)) : null,
    corsOrigins: options.corsOrigins ?? (options.production ? NO_ORIGINS : { origins: [], anyLoopback: true }),
    trustedDocuments: options.trustedDocuments && {
      documents: loadTrustedDocuments(options.trustedDocuments.paths),
      mode: options.trustedDocuments.mode ?? "enforce",
    },
  });
  const stats = () => sims.stats.snapshot();
  const testGraph: TestGraph = {
    sims,
    graph,
    sharedState,
    async query(query, variables, request) {
      const res = await fetch(`${graph.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(request?.key ? { authorization: `Bearer ${request.key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GraphResult;
      return { ...body, status: res.status } as never;
    },
    run: (document, variables, request) => testGraph.query(print(document), variables, request),
    stats,
    calls(vendor, operation) {
      const perVendor = stats()[vendor] ?? {};
      return operation ? (perVendor[operation] ?? 0) : Object.values(perVendor).reduce((a, b) => a + b, 0);
    },
    resetStats: () => sims.stats.reset(),
    close: async () => {
      await graph.close();
      if (!options.sims) await sims.close();
      await sharedState.close();
    },
  };
  return testGraph;
}
