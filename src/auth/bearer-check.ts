import { ErrorCode } from "../errors.js";
import { OPEN_CALLER, type Caller } from "./caller.js";
import type { CallerKeyStore } from "./caller-key-store.js";

export type BearerCheck = { caller: Caller } | { refused: "missing" | "invalid" };

/**
 * The request check, run on every /graphql request before its body is read: `Authorization: Bearer <key>`
 * (RFC 6750; the scheme is case-insensitive) naming a configured key. Anything else is refused. With no keys
 * configured every request is the open caller (startup-policy.ts decides when that is allowed).
 */
export function checkBearer(authorization: string | string[] | undefined, keys: CallerKeyStore | null | undefined): BearerCheck {
  if (!keys) return { caller: OPEN_CALLER };
  if (authorization === undefined || authorization === "") return { refused: "missing" };
  if (Array.isArray(authorization)) return { refused: "invalid" };
  const match = /^Bearer +([^\s]+) *$/i.exec(authorization);
  if (!match) return { refused: "invalid" };
  const caller = keys.find(match[1]!);
  return caller ? { caller } : { refused: "invalid" };
}

/** The 401 answer: JSON shaped like a GraphQL error, so GraphiQL and clients show it, and the RFC 6750 challenge. */
export function unauthenticatedResponse(refused: "missing" | "invalid") {
  const challenge = refused === "missing" ? `Bearer realm="customer-graph"` : `Bearer realm="customer-graph", error="invalid_token"`;
  const message =
    refused === "missing"
      ? "An API key is required: send the header Authorization: Bearer <key>"
      : "The API key is not valid: send the header Authorization: Bearer <key> with a configured key";
  return {
    status: 401,
    headers: { "www-authenticate": challenge },
    body: { errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] },
  };
}
