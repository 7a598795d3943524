import type { core } from "zod/v4";

/**
 * The words a VendorError's detail may use. The detail is logged, and a vendor's message or body can echo our
 * credentials (Komet's token sits in the URL, WMS's secret in the token request's body), name the vendor's own
 * hosts, carry a stack trace from its framework, or repeat customer data. So a detail is written in this
 * service's own words: the status, what kind of body came back, which of the vendor's documented errors it
 * was, which of our request's parameters the vendor's message was about. It never quotes the vendor.
 */

/** What kind of body came back, without a word of what it said. */
export function describeBody(body: unknown): string {
  if (body === undefined) return "an empty body";
  if (body === null) return "a JSON null";
  return Array.isArray(body) ? "a JSON array" : `a JSON ${typeof body}`;
}

/**
 * Where an answer broke its documented shape and how (zod's code, the expected type and the type it got),
 * without its values. The issue's input, when zod reports it, is read for its type only.
 */
export function describeIssue(issue: core.$ZodIssue | undefined): string {
  if (!issue) return "(no detail)";
  // Object keys are ours (from wire.ts) except in records, whose keys the vendor chose: those become "?".
  const path = issue.path.map((p) => (typeof p === "number" || (typeof p === "string" && isIdentifier(p)) ? p : "?")).join(".");
  // A custom issue's message is ours (wire.ts) but quotes the value it could not read, so only its kind is kept.
  const how = issue.code === "custom" ? "unreadable value" : issue.code;
  const expected = issue.code === "invalid_type" ? ` (expected ${issue.expected}, got ${typeName(issue.input)})` : "";
  return `${path || "(body)"}: ${how}${expected}`;
}

/** zod 3's names for a value's type, which logs and alerts already know (undefined, null, array, ...). */
function typeName(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * An error code such as ECONNRESET or a vendor's "validation_error": a plain identifier cannot carry a host,
 * a URL, a stack frame or a sentence. Anything else is undefined.
 */
export function identifierOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && isIdentifier(value) ? value : undefined;
}

/**
 * The names of our own request's parameters (query, form and JSON body keys) that a vendor's error answer
 * mentions, e.g. "limit" for Connect's "limit must be between 1 and 1000": which argument the vendor refused,
 * told with the names we chose, never with its text.
 */
export function mentionedParameters(answer: unknown, names: Iterable<string>): string[] {
  const text = typeof answer === "string" ? answer : JSON.stringify(answer ?? "");
  const found: string[] = [];
  for (const name of new Set(names)) {
    if (isIdentifier(name) && new RegExp(`\\b${name}\\b`).test(text)) found.push(name);
  }
  return found;
}

/** The conventional places of a REST error code: `{"error": "code"}`, `{"error": {"code"}}`, `{"code"}`. */
export function restErrorCode(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as { error?: unknown; code?: unknown };
  const nested = typeof b.error === "object" && b.error !== null ? (b.error as { code?: unknown }).code : undefined;
  return identifierOrUndefined(b.error) ?? identifierOrUndefined(nested) ?? identifierOrUndefined(b.code);
}

function isIdentifier(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(value);
}

/** An error answer in a few words: its kind, the vendor's error code if it gives one, what it was about. */
export function describeErrorAnswer(body: unknown, parameterNames: Iterable<string>): string {
  const code = restErrorCode(body);
  const about = mentionedParameters(body, parameterNames);
  return [describeBody(body), code && `vendor code ${code}`, about.length > 0 && `about ${about.join(", ")}`]
    .filter(Boolean)
    .join("; ");
}

/** Every parameter name a request carries: query, form and top-level JSON keys (names only, never values). */
export function parameterNames(req: { query?: object; form?: object; json?: unknown }): string[] {
  const json = typeof req.json === "object" && req.json !== null && !Array.isArray(req.json) ? Object.keys(req.json) : [];
  return [...Object.keys(req.query ?? {}), ...Object.keys(req.form ?? {}), ...json];
}
