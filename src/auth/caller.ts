import type { CallRate } from "../budget/call-window.js";
import { SOURCE_NAMES, type SourceName } from "../model.js";

/** What an API key may do. Independent: a key that edits and reads needs both. */
export const SCOPES = ["customers:read", "customers:write"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Who is calling, as the request context carries it. Never the key itself: `id` is a short prefix of the key's
 * sha256, enough to tell keys apart in logs and useless for calling.
 */
export interface Caller {
  /** `key:` and the first 8 hex digits of the key's sha256, or `open` when authentication is off. */
  id: string;
  /** An optional label from the key's configuration, for logs. */
  name?: string;
  scopes: ReadonlySet<Scope>;
  /** The sources this caller may see; null for every configured source. */
  sources: ReadonlySet<SourceName> | null;
  /** Its own budget of vendor calls (`calls:<n>/<unit>`); absent: CALLER_VENDOR_CALLS applies. */
  calls?: CallRate;
}

/** The caller of a server that runs without keys (the loopback default, or ALLOW_INSECURE_NO_AUTH). */
export const OPEN_CALLER: Caller = Object.freeze({ id: "open", scopes: new Set(SCOPES), sources: null });

export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.has(scope);
}

export function maySee(caller: Caller, source: SourceName): boolean {
  return caller.sources === null || caller.sources.has(source);
}

/** How a caller appears in log lines: its label and key id, never the key. */
export function callerLabel(caller: Caller): string {
  return caller.name ? `${caller.name} (${caller.id})` : caller.id;
}
