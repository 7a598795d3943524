/**
 * Which browser origins may call the graph (CORS). Exact origins only: a pattern or "*" would let any page
 * that matches it read answers with the caller's key.
 */
export interface AllowedOrigins {
  /** Exact origins, as a browser sends them in `Origin` (scheme://host[:port]). */
  origins: readonly string[];
  /** Any http://localhost[:port] and http://127.0.0.1[:port]: the development default, for dev servers on any port. */
  anyLoopback: boolean;
}

export const NO_ORIGINS: AllowedOrigins = { origins: [], anyLoopback: false };

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export function isAllowedOrigin(allowed: AllowedOrigins, origin: string | undefined): origin is string {
  if (!origin) return false;
  return allowed.origins.includes(origin) || (allowed.anyLoopback && LOOPBACK_ORIGIN.test(origin));
}

/**
 * CORS_ORIGINS: comma-separated exact origins; set (even empty) it replaces the default. Default: any loopback
 * origin in development, none in production. Returns an error message naming the bad entry, or the origins.
 */
export function parseAllowedOrigins(value: string | undefined, production: boolean): AllowedOrigins | string {
  if (value === undefined) return production ? NO_ORIGINS : { origins: [], anyLoopback: true };
  const origins: string[] = [];
  for (const entry of value.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (url.protocol === "http:" || url.protocol === "https:") origin = url.origin;
    } catch {
      // not a URL at all: reported below
    }
    if (origin !== entry) {
      return `CORS_ORIGINS entry "${entry}" must be an exact origin: http(s)://host[:port], lower case, no path or trailing slash`;
    }
    origins.push(origin);
  }
  return { origins, anyLoopback: false };
}
