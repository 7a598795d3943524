import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError } from "../config.js";

/** The operations a deployment accepts, by the sha256 of their text (hex, lower case). */
export type TrustedDocuments = ReadonlyMap<string, string>;

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A document id as clients send it: `sha256:<hex>` (GraphQL over HTTP, the codegen client preset) or bare hex. */
export function normalizeDocumentId(id: string): string {
  return (id.startsWith("sha256:") ? id.slice("sha256:".length) : id).toLowerCase();
}

/**
 * Reads the manifests of TRUSTED_DOCUMENTS: JSON objects `{ "<hash>": "<document>" }`, as the GraphQL Code
 * Generator client preset writes them (persisted-documents.json, `persistedDocuments: true`). Each hash must be
 * the sha256 of its document, which catches a manifest made with another hash algorithm before any client meets
 * it. Throws ConfigError (naming the file and the entry) on any mistake. Documents are not parsed here: they are
 * what the team's apps send, and the server validates them as usual.
 */
export function loadTrustedDocuments(paths: readonly string[]): TrustedDocuments {
  const documents = new Map<string, string>();
  for (const path of paths) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not readable JSON";
      throw new ConfigError(`Invalid configuration: TRUSTED_DOCUMENTS: ${path}: ${why}`);
    }
    if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
      throw new ConfigError(`Invalid configuration: TRUSTED_DOCUMENTS: ${path}: must be a JSON object of "<sha256 hash>": "<document>"`);
    }
    for (const [key, document] of Object.entries(manifest)) {
      const hash = normalizeDocumentId(key);
      if (typeof document !== "string" || document.trim() === "") {
        throw new ConfigError(`Invalid configuration: TRUSTED_DOCUMENTS: ${path}: the document of ${key} must be a non-empty string`);
      }
      if (!/^[0-9a-f]{64}$/.test(hash) || sha256Hex(document) !== hash) {
        throw new ConfigError(
          `TRUSTED_DOCUMENTS: ${path}: ${key} is not the sha256 of its document (codegen's persistedDocuments.hashAlgorithm must be sha256)`,
        );
      }
      documents.set(hash, document);
    }
  }
  return documents;
}
