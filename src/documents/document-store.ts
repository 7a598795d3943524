import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";
import { LRUCache } from "lru-cache";

/**
 * How much document text the store keeps. A parsed document takes about 80 times its text in heap (tokens,
 * locations, nodes: 8.7 kB for a 110-character query), so this holds a few thousand small documents, or a few
 * hundred large ones, in at most about 40 MB.
 */
export const DOCUMENT_STORE_TEXT_BYTES = 512 * 1024;

/** Apollo's store of parsed and validated documents, which the prevalidation plugin also fills (see there). */
export interface DocumentStore extends KeyValueCache<DocumentNode> {
  /** Whether a document is kept for this query hash (Apollo's: SHA-256 of the text, in hex). */
  has(queryHash: string): boolean;
  /** Keeps a document that has passed Apollo's validation rules, under its query hash. */
  remember(queryHash: string, document: DocumentNode): void;
}

/**
 * Apollo's store of parsed and validated documents, bounded by their text. Apollo's default bounds the JSON of
 * each document, worked out with JSON.stringify on every new document (2% of its cost), at 30 MiB of JSON: about
 * 150 MB of heap for small documents, which a client that inlines its values instead of sending variables fills.
 *
 * Entries are kept by the query hash alone: Apollo's keys are that hash behind a prefix naming the schema, and a
 * store serves one server, whose schema does not change while it runs. So a document validated ahead of Apollo
 * (prevalidation.plugin.ts, which knows the hash but not the prefix) is the one Apollo finds.
 */
export function documentStore(maxTextBytes = DOCUMENT_STORE_TEXT_BYTES): DocumentStore {
  const cache = new LRUCache<string, DocumentNode>({
    maxSize: maxTextBytes,
    // Apollo parses with locations (error messages point into the text), so loc.end is the text's length.
    sizeCalculation: (document) => Math.max(1, document.loc?.end ?? 1),
  });
  return {
    get: async (key) => cache.get(queryHashOf(key)),
    set: async (key, value) => void cache.set(queryHashOf(key), value),
    delete: async (key) => cache.delete(queryHashOf(key)),
    has: (queryHash) => cache.has(queryHash),
    remember: (queryHash, document) => void cache.set(queryHash, document),
  };
}

/** A SHA-256 in hex is 64 characters, at the end of Apollo's key. */
const queryHashOf = (key: string) => key.slice(-64);
