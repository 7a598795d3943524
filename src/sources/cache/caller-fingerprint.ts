import { SCOPES, type Caller } from "../../auth/caller.js";
import { SOURCE_NAMES } from "../../model.js";

/**
 * What a caller may do and see, as text: callers with the same fingerprint may share cached answers, callers
 * whose scopes or sources differ never do. Built from the fixed vocabularies only (never the key or its id),
 * in a fixed order, so two keys with the same grants share one set of entries.
 */
export function callerFingerprint(caller: Caller): string {
  const scopes = SCOPES.filter((s) => caller.scopes.has(s)).join(",");
  const sources = caller.sources === null ? "*" : SOURCE_NAMES.filter((s) => caller.sources!.has(s)).join(",");
  return `${scopes}|${sources}`;
}
