import { stdSerializers } from "pino";

/**
 * Text-level redaction for log lines, behind pino's path-based `redact`: a credential can also hide inside a
 * string, such as a URL (Komet's token travels in the query string), an error message quoting a header, or a
 * vendor's echo of what we sent. Known credential values are replaced wherever they appear; so are the
 * values of credential-named query parameters and of Bearer/Basic authorizations, whoever's they are.
 */
const CREDENTIAL_PARAM =
  /([?&;](?:authenticationToken|token|access_token|refresh_token|client_secret|apiKey|api_key|key|password|secret)=)[^&\s"'#;]*/gi;
/** A credential after the scheme: 8+ token characters with a digit or symbol, so "Basic Foods Ltd" stays readable. */
const AUTHORIZATION = /\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/g;
const REDACTED = "[redacted]";
/** Log objects are small; a deeper (or cyclic) structure is cut off rather than walked. */
const MAX_DEPTH = 6;

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED);
  return out.replace(CREDENTIAL_PARAM, `$1${REDACTED}`).replace(AUTHORIZATION, `$1 ${REDACTED}`);
}

/**
 * A copy of a log object with every string redacted. An Error is left for pino's `err` serializer, which
 * redactedErrorSerializer replaces (pino serializes after this runs, and a plain copy would lose its type).
 */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object" || value instanceof Error) return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactValue(v, secrets, depth + 1);
  return out;
}

/** pino's standard error serializer (type, message, stack, cause), with every string in it redacted. */
export function redactedErrorSerializer(secrets: readonly string[]) {
  return (err: unknown) => (err instanceof Error ? redactValue(stdSerializers.err(err), secrets) : redactValue(err, secrets));
}
