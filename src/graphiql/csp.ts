import { createHash } from "node:crypto";

/** The CSP source expression that allows exactly one inline script or style element. */
export function inlineHash(content: string): string {
  return `'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`;
}

/**
 * Everything the GraphiQL page may load comes from this server: the page must work with no
 * internet and must never hand a pasted API key to another host, so connect-src is 'self' too.
 *
 * - script-src: our assets, plus the one inline boot script by hash (no 'unsafe-inline', so
 *   injected markup cannot run script).
 * - style-src 'unsafe-inline': GraphiQL 3's dialogs (settings, short keys) add a <style> element
 *   when opened, via react-remove-scroll, whose content depends on the scrollbar width, so it
 *   cannot be hashed in advance. With 'unsafe-inline' a hash would be ignored anyway, so the page's
 *   own <style> needs none. CSS cannot reach another host because img-src and font-src stay
 *   limited to 'self' and data:.
 * - data: for fonts and images: graphiql.min.css inlines its fonts and icons as data: URLs.
 */
export function graphiqlContentSecurityPolicy(bootScriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${bootScriptHash}`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
