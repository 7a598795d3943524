/**
 * Checks of a vendor's parsed JSON shared by the readers of the vendors' plain forms (src/sources/<vendor>/fast-*)
 * and by wire.ts code that looks at a body before its schema does.
 */

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a schema's nullish text takes: a string, null, or undefined (an absent key). */
export function isNullishText(v: unknown): v is string | null | undefined {
  return v === undefined || v === null || typeof v === "string";
}

/** What a schema's nullish string with a pattern takes: null, undefined, or a string the pattern matches. */
export function isNullishMatching(v: unknown, pattern: RegExp): v is string | null | undefined {
  return v === undefined || v === null || (typeof v === "string" && pattern.test(v));
}
