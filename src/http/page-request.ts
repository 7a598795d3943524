import type { IncomingMessage } from "node:http";

/**
 * A browser opening /graphql itself (a navigation: GET asking for HTML, with no operation in the URL). Apollo
 * would answer it with its landing page, which loads scripts from a CDN; here it gets GraphiQL, or a 404 where
 * GraphiQL is off. GraphQL clients ask for JSON, so they never match.
 */
export function isPageRequest(req: IncomingMessage, url: URL): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (url.searchParams.has("query") || url.searchParams.has("documentId") || url.searchParams.has("extensions")) return false;
  const accept = String(req.headers.accept ?? "").toLowerCase();
  return accept.includes("text/html") && !/application\/(graphql-response\+)?json/.test(accept);
}
