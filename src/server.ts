import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";
import { createContext, type GraphContext, type GraphServices } from "./context.js";
import { createErrorFormatter } from "./error-format.js";
import { loadExampleOperations } from "./example-operations.js";
import { partialErrorsPlugin } from "./partial-errors.js";
import { createGraphiqlHandler } from "./graphiql/page.js";

export interface GraphServerOptions {
  schema: GraphQLSchema;
  services: GraphServices;
  port: number;
  host: string;
  production: boolean;
  /** Largest request body accepted, in bytes; larger is refused with 413 before parsing. */
  maxBodyBytes?: number;
}

export interface RunningGraphServer {
  url: string;
  httpServer: Server;
  close(): Promise<void>;
}

/**
 * The HTTP front: GraphQL at /graphql (Apollo Server 5 over Node's own http server), GraphiQL at / and
 * /graphiql with its assets from node_modules, and /healthz.
 */
export async function startGraphServer(options: GraphServerOptions): Promise<RunningGraphServer> {
  const { services } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const graphiql = createGraphiqlHandler({ endpoint: "/graphql", examples: loadExampleOperations() });
  const httpServer = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      services.logger.error({ err }, "request failed outside GraphQL");
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error" }] });
      else res.destroy();
    });
  });

  const apollo = new ApolloServer<GraphContext>({
    schema: options.schema,
    formatError: createErrorFormatter(services.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    csrfPrevention: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), partialErrorsPlugin<GraphContext>()],
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (url.pathname === "/graphql") return graphql(req, res, url);
    if (req.method === "GET" && graphiql(req, res)) return;
    sendJson(res, 404, { error: "not found" });
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = headerValue(req, "x-request-id") ?? randomUUID();
    res.setHeader("x-request-id", requestId);
    const logger = services.logger.child({ requestId });
    const raw = await readBody(req, maxBodyBytes);
    if (raw === null) return sendJson(res, 413, { errors: [{ message: `Request body larger than ${maxBodyBytes} bytes` }] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    let body: unknown = raw;
    if ((headers.get("content-type") ?? "").includes("json") && raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: "The request body is not valid JSON" }] });
      }
    }
    const started = Date.now();
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
      context: async () => createContext(services, requestId, logger),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      res.end(answer.body.string);
    } else {
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    }
    logger.info({ status: res.statusCode, ms: Date.now() - started }, "graphql request");
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    httpServer,
    close: () => apollo.stop(),
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

/** The body as text, or null when it exceeds the limit (the rest is not read into memory). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
