import type { Logger } from "pino";
import { ErrorCode } from "../errors.js";
import { trustedDocumentRequests } from "../metrics/registry.js";
import { normalizeDocumentId, sha256Hex, type TrustedDocuments } from "./manifest.js";

export type TrustedDocumentsMode = "enforce" | "log";

/** A GraphQL-over-HTTP request as server.ts hands it to Apollo. */
export interface GraphqlHttpRequest {
  method: string;
  /** The URL's query string, with its "?" (GET requests carry the operation there). */
  search: string;
  /** The parsed JSON body (POST), or the raw text. */
  body: unknown;
}

export type GateAnswer = { request: GraphqlHttpRequest } | { refused: { status: number; body: unknown } };

export interface TrustedDocumentsGate {
  /** `fromGraphiql`: the request comes from the GraphiQL page where it may run any document (development). */
  admit(request: GraphqlHttpRequest, fromGraphiql: boolean, logger: Logger): GateAnswer;
}

/**
 * Trusted documents (TRUSTED_DOCUMENTS): a request names its document by `documentId` or by
 * `extensions.persistedQuery.sha256Hash`, and the manifest's text is what Apollo runs. In enforce mode anything
 * else is refused here, before Apollo parses a byte of it: so no unknown document reaches validation, let alone a
 * vendor. In log mode an unknown document runs, and its hash is logged and counted so the manifest can catch up.
 * A query sent as text whose hash is in the manifest is that document, and runs.
 */
export function createTrustedDocumentsGate(documents: TrustedDocuments, mode: TrustedDocumentsMode): TrustedDocumentsGate {
  return {
    admit(request, fromGraphiql, logger) {
      const named = readOperation(request);
      if (named === null) return { request };
      const id = named.documentId ?? named.persistedHash;
      if (id !== undefined) {
        const document = documents.get(normalizeDocumentId(id));
        if (document !== undefined) {
          trustedDocumentRequests.inc({ result: "known" });
          return { request: withDocument(request, document) };
        }
        // A documentId has no text to fall back on; an unknown APQ hash in log mode goes on to Apollo's own
        // persisted queries (PERSISTED_QUERY_NOT_FOUND, then the client sends the text).
        if (mode === "enforce" || named.documentId !== undefined) return refuse(id, logger);
        return unknown(id, request, logger);
      }
      if (named.query === undefined) return { request }; // Apollo refuses a request with no query itself.
      const hash = sha256Hex(named.query);
      if (documents.has(hash)) {
        trustedDocumentRequests.inc({ result: "known" });
        return { request };
      }
      if (fromGraphiql) return { request };
      return mode === "enforce" ? refuse(hash, logger) : unknown(hash, request, logger);
    },
  };
}

function refuse(hash: string, logger: Logger): GateAnswer {
  trustedDocumentRequests.inc({ result: "refused" });
  logger.info({ documentHash: hash.slice(0, 80) }, "document not in TRUSTED_DOCUMENTS: refused");
  const message = "Only the trusted documents of this deployment run here (TRUSTED_DOCUMENTS): this document is not one of them";
  return {
    refused: { status: 400, body: { errors: [{ message, extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST } }] } },
  };
}

function unknown(hash: string, request: GraphqlHttpRequest, logger: Logger): GateAnswer {
  trustedDocumentRequests.inc({ result: "unknown" });
  logger.warn({ documentHash: hash.slice(0, 80) }, "document not in TRUSTED_DOCUMENTS: run (log mode)");
  return { request };
}

interface NamedOperation {
  query?: string;
  documentId?: string;
  persistedHash?: string;
}

/** What a request names, from a GET's query string or a POST's JSON object; null for anything else (a batch). */
function readOperation(request: GraphqlHttpRequest): NamedOperation | null {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  let fields: Record<string, unknown>;
  if (request.method === "GET") {
    const params = new URLSearchParams(request.search);
    fields = { query: params.get("query") ?? undefined, documentId: params.get("documentId") ?? undefined };
    fields.extensions = parseJson(params.get("extensions"));
  } else if (typeof request.body === "object" && request.body !== null && !Array.isArray(request.body)) {
    fields = request.body as Record<string, unknown>;
  } else {
    return null;
  }
  const extensions = fields.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  return {
    query: text(fields.query),
    documentId: text(fields.documentId),
    persistedHash: text(extensions?.persistedQuery?.sha256Hash),
  };
}

/** The request with the manifest's text as its query, and the names it came with taken off. */
function withDocument(request: GraphqlHttpRequest, document: string): GraphqlHttpRequest {
  if (request.method === "GET") {
    const params = new URLSearchParams(request.search);
    params.set("query", document);
    params.delete("documentId");
    const extensions = parseJson(params.get("extensions"));
    if (extensions !== undefined) {
      delete extensions.persistedQuery;
      if (Object.keys(extensions).length > 0) params.set("extensions", JSON.stringify(extensions));
      else params.delete("extensions");
    }
    return { ...request, search: `?${params.toString()}` };
  }
  const { documentId: _id, extensions, ...rest } = request.body as Record<string, unknown>;
  const { persistedQuery: _pq, ...otherExtensions } = (extensions ?? {}) as Record<string, unknown>;
  const body = { ...rest, query: document, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) };
  return { ...request, body };
}

function parseJson(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
