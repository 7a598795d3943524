import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  buildSchema,
  execute,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { OPEN_CALLER } from "../../src/auth/caller.js";
import { createContext, type GraphServices } from "../../src/context.js";
import { createErrorFormatter } from "../../src/error-format.js";
import { resolvers, type ResolverMap } from "./resolvers.js";

export type BaselineExecutor = "graphql-js" | "graphql-jit";

export interface RunningBaseline {
  url: string;
  httpServer: Server;
  close(): Promise<void>;
}

/**
 * The comparison servers of issue 6: graphql's own `execute` (or graphql-jit's compiled queries) over
 * node:http, with the graph's connectors and loaders and nothing else. graphql-js parses and validates every
 * request, as a plain server does; graphql-jit compiles each distinct query text once and keeps it (bounded).
 */
export async function startBaselineServer(options: {
  services: GraphServices;
  executor: BaselineExecutor;
  port?: number;
  host?: string;
}): Promise<RunningBaseline> {
  const schema = baselineSchema();
  const { services } = options;
  const formatError = createErrorFormatter(services.logger);
  const compiled = new Map<string, CompiledQuery | ExecutionResult>();

  async function run(body: { query?: unknown; variables?: unknown; operationName?: unknown }): Promise<string> {
    if (typeof body.query !== "string") return JSON.stringify({ errors: [{ message: "query must be a string" }] });
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    const context = createContext(services, randomUUID(), services.logger, OPEN_CALLER, undefined);
    if (options.executor === "graphql-jit") {
      let query = compiled.get(body.query);
      if (!query) {
        const checked = parseAndValidate(schema, body.query);
        query = "errors" in checked ? checked : compileQuery(schema, checked.document, operationName, { customJSONSerializer: true });
        // Bounded: a stream of distinct queries must not grow memory without end.
        if (compiled.size >= 1000) compiled.clear();
        compiled.set(body.query, query);
      }
      if (!isCompiledQuery(query)) return serialize(query);
      const result = await query.query(undefined, context, variables);
      return result.errors ? serialize(result) : query.stringify(result);
    }
    const checked = parseAndValidate(schema, body.query);
    if ("errors" in checked) return serialize(checked);
    return serialize(await execute({ schema, document: checked.document, contextValue: context, variableValues: variables, operationName }));
  }

  function serialize(result: ExecutionResult): string {
    const errors = result.errors?.map((e) => formatError(e.toJSON(), e));
    return JSON.stringify(errors ? { errors, data: result.data } : { data: result.data });
  }

  const httpServer = createServer((req, res) => {
    if (req.method !== "POST" || !req.url?.startsWith("/graphql")) {
      res.writeHead(404).end();
      return;
    }
    readBody(req)
      .then((text) => run(JSON.parse(text)))
      .then((answer) => {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(answer) });
        res.end(answer);
      })
      .catch(() => {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: "bad request" }] }));
      });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    httpServer,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}

/** The baseline SDL with the resolver map attached: graphql's own buildSchema, no schema library. */
export function baselineSchema(map: ResolverMap = resolvers): GraphQLSchema {
  const schema = buildSchema(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));
  for (const [typeName, fields] of Object.entries(map)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`baseline resolvers name ${typeName}, which is no object type`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`baseline resolvers name ${typeName}.${fieldName}, which the SDL lacks`);
      field.resolve = resolve;
    }
  }
  const node = schema.getType("Node");
  // Customers through node(s) carry __typename (resolvers/node-lookup.ts); children do too.
  if (isInterfaceType(node)) node.resolveType = (value: { __typename?: string }) => value.__typename;
  return schema;
}

function parseAndValidate(schema: GraphQLSchema, query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (err) {
    return { errors: [err instanceof GraphQLError ? err : new GraphQLError(String(err))] };
  }
  const errors = validate(schema, document);
  return errors.length > 0 ? { errors } : { document };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy(new Error("body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
