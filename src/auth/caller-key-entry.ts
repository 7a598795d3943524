import type { CallRate } from "../budget/call-window.js";
import type { SourceName } from "../model.js";
import type { Scope } from "./caller.js";

/** One configured key, already hashed: what the text and file formats both parse into. */
export interface CallerKeyEntry {
  /** sha256 of the key. */
  hash: Buffer;
  name?: string;
  scopes: ReadonlySet<Scope>;
  /** null: every source. */
  sources: ReadonlySet<SourceName> | null;
  /** The key's budget of vendor calls per window; absent: CALLER_VENDOR_CALLS. */
  calls?: CallRate;
  /** Where it was configured, for error messages: `CALLER_KEYS entry 2`, `CALLER_KEYS_FILE entry 1`. */
  origin: string;
}

/**
 * The key alphabet: RFC 6750's b64token without the trailing "=" (which separates key from scopes in
 * CALLER_KEYS), so any key fits in an Authorization header and in the text format. 16 characters at least:
 * keys are stored as unsalted digests and logged by a digest prefix, which is only safe for keys nobody can guess.
 */
export const KEY_PATTERN = /^[A-Za-z0-9._~+/-]{16,512}$/;
export const KEY_RULE = "16 to 512 characters of A-Z a-z 0-9 . _ ~ + / -";

/** A label for logs: short and plain, so it cannot break a log line. */
export const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const NAME_RULE = "1 to 64 characters of A-Z a-z 0-9 . _ -";
