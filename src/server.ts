import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema, ValidationRule } from "graphql";
import { checkBearer, unauthenticatedResponse } from "./auth/bearer-check.js";
import { callerLabel } from "./auth/caller.js";
import type { CallerKeyStore } from "./auth/caller-key-store.js";
import { clientDisconnected } from "./client-disconnect.js";
import { applyConnectionLimits, connectionServerOptions, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from "./connection-limits.js";
import { createContext, type GraphContext, type GraphServices } from "./context.js";
import { documentStore } from "./documents/document-store.js";
import { prevalidationPlugin } from "./documents/prevalidation.plugin.js";
import { createErrorFormatter } from "./error-format.js";
import { loadExampleOperations } from "./example-operations.js";
import { partialErrorsPlugin } from "./partial-errors.js";
import { graphqlMetricsPlugin } from "./metrics/graphql-metrics.plugin.js";
import { metricsRegistry } from "./metrics/registry.js";
import { createGraphiqlHandler } from "./graphiql/page.js";
import { GRAPHIQL_REQUEST_HEADER } from "./graphiql/html.js";
import type { QueryLimits } from "./config.js";
import { NO_ORIGINS, type AllowedOrigins } from "./http/allowed-origins.js";
import { createCorsHandler } from "./http/cors.js";
import { isPageRequest } from "./http/page-request.js";
import { withLimitErrorText } from "./limits/limit-error-text.js";
import { noSubscriptionsPlugin } from "./limits/no-subscriptions.plugin.js";
import { queryLimitsPlugin } from "./limits/query-limits.plugin.js";
import { vendorBudgetPlugin } from "./budget/vendor-budget.plugin.js";
import { createTrustedDocumentsGate, type TrustedDocumentsMode } from "./trusted-documents/gate.js";
import type { TrustedDocuments } from "./trusted-documents/manifest.js";
import { persistedQueryCache } from "./state/persisted-query-cache.js";

export interface GraphServerOptions {
  schema: GraphQLSchema;
  services: GraphServices;
  port: number;
  host: string;
  production: boolean;
  /** Query limits (src/limits/); a body over limits.maxBodyBytes is refused with 413 before parsing. */
  limits: QueryLimits;
  /** Timeouts and the connection bound (HTTP_* variables); Node's defaults are far too patient. Default: DEFAULT_CONNECTION_LIMITS. */
  connections?: ConnectionLimits;
  /** Serve GraphiQL at / and /graphiql; when off (production default) they are 404. */
  graphiql: boolean;
  /** Keys /graphql requires (401 otherwise); none: every request may do everything (app.ts decides when). */
  callerKeys?: CallerKeyStore | null;
  /**
   * On close, how long requests in flight may still run before their connections are cut; kept below the
   * 10 s a process manager usually waits after SIGTERM. Default 8000.
   */
  drainGraceMs?: number;
  /** Browser origins allowed to call /graphql (CORS_ORIGINS, src/http/cors.ts); none when absent. */
  corsOrigins?: AllowedOrigins;
  /** TRUSTED_DOCUMENTS: only these documents run (enforce), or others are logged (log). Absent: any document. */
  trustedDocuments?: { documents: TrustedDocuments; mode: TrustedDocumentsMode };
  /**
   * Bench only (bench/graph-process.mjs, variant graph-no-budget): false serves without the vendor budget's
   * per-request work (its plugin and the request meter every vendor call is charged to), to measure what that
   * work costs.
   * No configuration reaches it: a deployed graph always accounts.
   */
  budgetAccounting?: boolean;
}

export interface RunningGraphServer {
  url: string;
  httpServer: Server;
  close(): Promise<void>;
}

/**
 * The HTTP front: GraphQL at /graphql (Apollo Server 5 over Node's own http server), GraphiQL at / and
 * /graphiql with its assets from node_modules, /healthz, and /metrics (Prometheus text; its labels carry no
 * ids, hosts or keys, see metrics/registry.ts).
 */
export async function startGraphServer(options: GraphServerOptions): Promise<RunningGraphServer> {
  const { services } = options;
  const { maxBodyBytes } = options.limits;
  const graphiql = createGraphiqlHandler({ endpoint: "/graphql", examples: loadExampleOperations() });
  const cors = createCorsHandler(options.corsOrigins ?? NO_ORIGINS);
  const trusted = options.trustedDocuments && createTrustedDocumentsGate(options.trustedDocuments.documents, options.trustedDocuments.mode);
  // GraphiQL runs ad-hoc documents; past TRUSTED_DOCUMENTS only in development, where it is a tool, not an app.
  const graphiqlRunsAnything = options.graphiql && !options.production;
  const connections = options.connections ?? DEFAULT_CONNECTION_LIMITS;
  const httpServer = createServer(connectionServerOptions(connections), (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      services.logger.error({ err }, "request failed outside GraphQL");
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error" }] });
      else res.destroy();
    });
  });
  applyConnectionLimits(httpServer, connections);

  const documents = documentStore();
  // graphql's parser stops at maxTokens (GRAPHQL_PARSE_FAILED, 400), so a huge document costs no validation.
  const parseOptions = { maxTokens: options.limits.maxTokens };
  const introspection = !options.production;
  // Rules Apollo adds to graphql's: none. Any added here reach the prevalidation too, else it would store
  // documents they refuse.
  const validationRules: ValidationRule[] = [];
  const apollo = new ApolloServer<GraphContext>({
    schema: options.schema,
    // Limit messages stated alike; production drops "Did you mean ...?" hints (see limits/limit-error-text.ts).
    formatError: withLimitErrorText(createErrorFormatter(services.logger), {
      production: options.production,
      maxTokens: options.limits.maxTokens,
    }),
    includeStacktraceInErrorResponses: false,
    introspection,
    // A request with an Authorization header counts as preflighted: no browser sends one cross-origin without a
    // CORS preflight, which is the point of the check (so urql's default GET with a key works).
    csrfPrevention: { requestHeaders: ["x-apollo-operation-name", "apollo-require-preflight", "authorization"] },
    // Shutdown is main.ts's (src/shutdown.ts): Apollo's own signal handler would stop the server and then re-raise
    // the signal, killing the process before the embedded simulators close and with exit status 143.
    stopOnTerminationSignals: false,
    parseOptions,
    validationRules,
    documentStore: documents,
    allowBatchedHttpRequests: false,
    // Persisted queries every instance shares through Redis (src/state/); else Apollo's size-bounded LRU.
    ...(services.sharedState?.kind === "redis" ? { persistedQueries: { cache: persistedQueryCache(services.sharedState) } } : {}),
    plugins: [
      // New documents validated ahead of Apollo, with graphql's rules but a cheaper visit (src/documents/).
      prevalidationPlugin<GraphContext>(documents, { parseOptions, introspection, validationRules }),
      // Apollo's default cache-control plugin hooks every resolved field (and so wraps every resolver) to compute
      // a Cache-Control header nothing here sets hints for: about 7% of a 100-customer page's time (bench/).
      ApolloServerPluginCacheControlDisabled(),
      // Its page loads scripts from a CDN; a browser opening /graphql gets GraphiQL (or 404) instead, see handle().
      ApolloServerPluginLandingPageDisabled(),
      noSubscriptionsPlugin<GraphContext>(),
      // The schema is a federation subgraph, for which Apollo would answer any caller sending
      // `apollo-federation-include-trace: ftv1` with per-field timings and error details (and wrap every resolver
      // to measure them). Only Apollo's usage reporting reads those traces; nothing here sends them anywhere.
      ApolloServerPluginInlineTraceDisabled(),
      queryLimitsPlugin<GraphContext>(options.limits),
      ...(options.budgetAccounting === false ? [] : [vendorBudgetPlugin()]),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainGraceMs ?? 8_000 }),
      partialErrorsPlugin<GraphContext>(),
      // Last: it reads the errors the plugins before it add to the response.
      graphqlMetricsPlugin<GraphContext>(),
    ],
  });
  await apollo.start();

  // Set by close(): the listener is closed, and a request that still arrives on a kept-alive connection is
  // refused with 503 (and that connection closed) rather than started while the process is about to exit.
  let draining = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (draining) {
      res.setHeader("connection", "close");
      return sendJson(res, 503, { errors: [{ message: "The server is shutting down; retry on another instance" }] });
    }
    if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (url.pathname === "/metrics" && req.method === "GET") return metrics(res);
    if (url.pathname === "/graphql") {
      if (isPageRequest(req, url)) return options.graphiql ? graphiql.servePage(req, res) : sendJson(res, 404, { error: "not found" });
      if (cors(req, res)) return; // a preflight, answered before the key check: browsers send no key on one
      return graphql(req, res, url);
    }
    if (options.graphiql && req.method === "GET" && graphiql(req, res)) return;
    sendJson(res, 404, { error: "not found" });
  }

  async function metrics(res: ServerResponse): Promise<void> {
    const text = await metricsRegistry.metrics();
    res.writeHead(200, { "content-type": metricsRegistry.contentType, "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = headerValue(req, "x-request-id") ?? randomUUID();
    res.setHeader("x-request-id", requestId);
    // Before the body is read and before GraphQL runs, so an unknown caller costs nothing and no vendor call.
    const check = checkBearer(req.headers.authorization, options.callerKeys);
    if ("refused" in check) {
      services.logger.info({ requestId, refused: check.refused }, "caller not authenticated");
      const refusal = unauthenticatedResponse(check.refused);
      for (const [key, value] of Object.entries(refusal.headers)) res.setHeader(key, value);
      // The body is not read: closing the connection after the answer stops the client from making us receive it.
      res.setHeader("connection", "close");
      return sendJson(res, refusal.status, refusal.body);
    }
    const { caller } = check;
    const logger = services.logger.child({ requestId, caller: callerLabel(caller) });
    let raw: string | null;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (err) {
      if (!clientDisconnected(req)) throw err;
      return void logger.info("client disconnected before its request arrived whole");
    }
    if (raw === null) {
      res.setHeader("connection", "close");
      return sendJson(res, 413, { errors: [{ message: `Request body larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES)` }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      // The caller's key stops here: nothing after the check needs it, so no plugin can log it. Its presence
      // still counts for CSRF prevention (requestHeaders above).
      if (key === "authorization") {
        if (value) headers.set(key, "[checked]");
      } else if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    let body: unknown = raw;
    if ((headers.get("content-type") ?? "").includes("json") && raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: "The request body is not valid JSON" }] });
      }
    }
    let request = { method: (req.method ?? "GET").toUpperCase(), search: url.search, body };
    if (trusted) {
      const admitted = trusted.admit(request, graphiqlRunsAnything && headers.get(GRAPHIQL_REQUEST_HEADER) !== undefined, logger);
      if ("refused" in admitted) return sendJson(res, admitted.refused.status, admitted.refused.body);
      request = admitted.request;
    }
    const started = Date.now();
    // Every vendor call made for this request is counted against it: the context passes the meter down to each.
    const meter = options.budgetAccounting === false ? undefined : services.budget.newMeter();
    const answer = await apollo.executeHTTPGraphQLRequest({
      // Keys before the spread (V8's fast path; the request has no headers of its own).
      httpGraphQLRequest: { headers, ...request },
      context: async () => createContext(services, requestId, logger, caller, meter),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      res.end(answer.body.string);
    } else {
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    }
    logger.info({ status: res.statusCode, ms: Date.now() - started, vendorCalls: meter?.actual }, "graphql request");
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    httpServer,
    close: () => {
      draining = true;
      return apollo.stop();
    },
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  // Only a plain token is echoed back and logged, so a caller cannot inject into logs or headers.
  return text && /^[A-Za-z0-9._-]{1,64}$/.test(text) ? text : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The body as text, or null as soon as it exceeds the limit (by its Content-Length, or by what has arrived): the
 * rest is not read at all, and the 413 closes the connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    // A client that goes away mid-body: Node 20 reports it as an error ("aborted"), but "close" is the guarantee.
    req.on("close", () => {
      if (!req.complete) reject(new Error("client disconnected"));
    });
  });
}
