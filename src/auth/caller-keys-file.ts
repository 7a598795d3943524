import { readFileSync } from "node:fs";
import { z } from "zod";
import { CALL_RATE_RULE, parseCallRate } from "../budget/call-window.js";
import { ConfigError } from "../config.js";
import { SOURCE_NAMES } from "../model.js";
import { SCOPES } from "./caller.js";
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE, type CallerKeyEntry } from "./caller-key-entry.js";
import { hashKey } from "./key-hash.js";

/**
 * CALLER_KEYS_FILE: a JSON array of keys. Each entry gives either the key itself (`key`) or only its sha256 in
 * hex (`sha256`), so the file need not hold a usable secret:
 *
 *   [{ "name": "storefront", "sha256": "9f86d08…", "scopes": ["customers:read"], "sources": ["WMS"] },
 *    { "key": "…", "scopes": ["customers:read", "customers:write"], "calls": "6000/hour" }]
 */
const Entry = z
  .object({
    name: z.string().regex(NAME_PATTERN, `name must be ${NAME_RULE}`).optional(),
    key: z.string().regex(KEY_PATTERN, `key must be ${KEY_RULE}`).optional(),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "sha256 must be 64 hex digits").optional(),
    scopes: z.array(z.enum(SCOPES, { errorMap: () => ({ message: `each scope must be one of ${SCOPES.join(", ")}` }) })).min(1, `scopes must name at least one of ${SCOPES.join(", ")}`),
    sources: z
      .array(z.enum(SOURCE_NAMES, { errorMap: () => ({ message: `each source must be one of ${SOURCE_NAMES.join(", ")}` }) }))
      .min(1, "sources, when given, must name at least one source").optional(),
    calls: z.string().refine((v) => parseCallRate(v) !== null, `calls must be ${CALL_RATE_RULE}`).optional(),
  })
  .strict()
  .refine((e) => (e.key === undefined) !== (e.sha256 === undefined), "give exactly one of key and sha256");

export function parseCallerKeysFile(path: string): CallerKeyEntry[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError(`Invalid configuration: CALLER_KEYS_FILE ${path} cannot be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text around the mistake, which may be a key.
    throw new ConfigError(`Invalid configuration: CALLER_KEYS_FILE ${path} is not valid JSON`);
  }
  if (!Array.isArray(json)) throw new ConfigError(`Invalid configuration: CALLER_KEYS_FILE ${path} must hold a JSON array of keys`);
  if (json.length === 0) throw new ConfigError(`Invalid configuration: CALLER_KEYS_FILE ${path} holds no key`);
  return json.map((raw, index) => {
    const origin = `CALLER_KEYS_FILE entry ${index + 1}`;
    const parsed = Entry.safeParse(raw);
    if (!parsed.success) {
      // The messages above name the rule, never the value (zod's default enum message would quote it).
      const why = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
      throw new ConfigError(`Invalid configuration: ${origin}: ${why}`);
    }
    const e = parsed.data;
    return {
      hash: e.key !== undefined ? hashKey(e.key) : Buffer.from(e.sha256!, "hex"),
      name: e.name,
      scopes: new Set(e.scopes),
      sources: e.sources ? new Set(e.sources) : null,
      calls: e.calls !== undefined ? (parseCallRate(e.calls) ?? undefined) : undefined,
      origin,
    };
  });
}
