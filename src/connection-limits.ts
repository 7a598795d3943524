import type { Server, ServerOptions } from "node:http";

/**
 * How long a client may hold a connection, and how many it may hold, so that slow or idle clients cannot tie up
 * sockets: Node's own defaults (60 s for headers, 300 s for a request, no connection bound) let twenty sockets
 * that send a byte a second keep their place for minutes. Configured by HTTP_* variables (docs/configuration.md).
 */
export interface ConnectionLimits {
  /** The request line and headers must arrive within this (Node: 60 000). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (Node: 300 000). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused (closed at once) until others end. */
  maxConnections: number;
}

/** Options for createServer: the timeouts, and a check of them often enough that they hold to about a second. */
export function connectionServerOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts only this often (30 s by default), so a short timeout would otherwise hold late.
    connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/** What createServer's options do not cover. */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}

/** The defaults, well under Node's; the HTTP_* variables of src/config.ts start from these. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 3_000,
  maxConnections: 1_024,
};
