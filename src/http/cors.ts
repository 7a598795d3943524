import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import { isAllowedOrigin, type AllowedOrigins } from "./allowed-origins.js";

/** The request headers a browser app may send: its key, JSON, Apollo's CSRF header and a request id. */
export const CORS_ALLOWED_HEADERS = ["content-type", "authorization", "apollo-require-preflight", "x-request-id"];
/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * Returns true when it answered the request itself: a preflight (OPTIONS) is answered here, before the caller's
 * key is checked, because browsers never send credentials on one; 204 for an allowed origin, 403 for any other.
 * Any other request from an allowed origin gets `Access-Control-Allow-Origin: <origin>` and goes on; from any
 * other origin it goes on with no CORS header, so the browser keeps the answer from the page.
 */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createCorsHandler(allowed: AllowedOrigins): CorsHandler {
  const middleware = cors({
    // The origin itself, never "*", and with Vary: Origin, so a shared cache keeps one answer per origin.
    origin: (origin, callback) => callback(null, isAllowedOrigin(allowed, origin) ? origin : false),
    methods: ["GET", "POST"],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ["x-request-id"],
    maxAge: CORS_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req, res) => {
    let passedOn = false;
    // The origin callback above is synchronous, so by the return the middleware has answered or passed on.
    middleware(req, res, () => {
      passedOn = true;
    });
    if (!passedOn) return true;
    // Every answer depends on the Origin (with or without CORS headers), so caches must keep them apart.
    if (!res.hasHeader("vary")) res.setHeader("vary", "Origin");
    if (req.method === "OPTIONS" && req.headers.origin !== undefined) {
      const text = JSON.stringify({
        errors: [{ message: "This origin may not call the graph from a browser: it is not in CORS_ORIGINS", extensions: { code: "FORBIDDEN" } }],
      });
      res.writeHead(403, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    return false;
  };
}
