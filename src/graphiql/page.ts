import type { IncomingMessage, ServerResponse } from "node:http";
import { graphiqlAssets, type Asset } from "./assets.js";
import { graphiqlContentSecurityPolicy, inlineHash } from "./csp.js";
import { ASSET_PATH_PREFIX, BOOT_SCRIPT, bootConfig, renderGraphiqlPage, type GraphiqlExample } from "./html.js";

export type { GraphiqlExample } from "./html.js";

export interface GraphiqlOptions {
  /** Where GraphiQL POSTs queries; must be same-origin (a path such as "/graphql"), as the CSP allows no other host. */
  endpoint: string;
  /** Opened as tabs, the first one active. */
  examples: Array<GraphiqlExample>;
}

/**
 * Returns true when it answered the request; false leaves it to the next handler (Apollo). `servePage` answers
 * with the page whatever the path (server.ts: a browser opening the endpoint itself).
 */
export type GraphiqlHandler = ((req: IncomingMessage, res: ServerResponse) => boolean) & {
  servePage(req: IncomingMessage, res: ServerResponse): void;
};

const PAGE_PATHS = new Set(["/", "/graphiql", "/graphiql/"]);

export function createGraphiqlHandler(options: GraphiqlOptions): GraphiqlHandler {
  // Built once: the page depends only on the options, so each request just writes these bytes.
  const page = Buffer.from(renderGraphiqlPage(bootConfig(options.endpoint, options.examples), graphiqlAssets));
  const pageHeaders = {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(page.length),
    // Revalidate so a restart with new examples shows up; the page is small.
    "cache-control": "no-cache",
    "content-security-policy": graphiqlContentSecurityPolicy(inlineHash(BOOT_SCRIPT)),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
  const assetsByName = new Map(graphiqlAssets.map((asset) => [asset.name, asset]));

  const servePage = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, pageHeaders);
    res.end(req.method === "HEAD" ? undefined : page);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = new URL(req.url ?? "/", "http://localhost");

    if (PAGE_PATHS.has(url.pathname)) {
      // GET /?query=... is a GraphQL-over-HTTP request when the API is mounted at "/".
      if (url.searchParams.has("query")) return false;
      servePage(req, res);
      return true;
    }

    if (url.pathname.startsWith(ASSET_PATH_PREFIX)) {
      const asset = assetsByName.get(url.pathname.slice(ASSET_PATH_PREFIX.length));
      if (asset) {
        void sendAsset(asset, req, res);
      } else {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("Not found\n");
      }
      return true;
    }

    return false;
  };
  return Object.assign(handler, { servePage });
}

async function sendAsset(asset: Asset, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: Buffer;
  try {
    body = await asset.load();
  } catch {
    // Reaching here means node_modules changed under a running server; say so rather than hang.
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end(`Could not read ${asset.name}\n`);
    return;
  }
  res.writeHead(200, {
    "content-type": asset.contentType,
    "content-length": String(body.length),
    // The page links each asset with its package version, so a cached copy can never be stale.
    "cache-control": "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
