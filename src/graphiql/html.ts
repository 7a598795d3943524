import type { Asset } from "./assets.js";
import { jsonForScript } from "./embed.js";

export interface GraphiqlExample {
  name: string;
  query: string;
  variables?: string;
}

/** What the boot script reads from the page; produced on the server, so only plain JSON. */
export interface GraphiqlBootConfig {
  endpoint: string;
  headers: string;
  tabs: Array<{ query: string; variables: string | null; headers: string }>;
}

export const ASSET_PATH_PREFIX = "/graphiql/assets/";

/**
 * Valid JSON on purpose: GraphiQL JSON.parses the headers editor before every request, so a
 * commented template would make every request fail until the user deleted the comment.
 */
const DEFAULT_HEADERS = "{}";

/**
 * Sent by the page with every request it makes, so the server can tell GraphiQL's ad-hoc documents from an app's
 * (TRUSTED_DOCUMENTS lets GraphiQL's through in development only). Like any header, a non-browser client can send
 * it too: it marks, it does not authenticate.
 */
export const GRAPHIQL_REQUEST_HEADER = "x-graphiql";

/**
 * Static, so its CSP hash is a constant; all per-server data reaches it through the JSON block,
 * which the browser never executes.
 */
export const BOOT_SCRIPT = `
(function () {
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.endpoint, headers: { "${GRAPHIQL_REQUEST_HEADER}": "true" } }),
      defaultTabs: config.tabs,
      defaultHeaders: config.headers,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: false
    })
  );
})();
`;

export const PAGE_STYLE = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; }
#auth-hint { margin: 0; padding: 6px 16px; font: 13px/1.4 system-ui, sans-serif;
  background: #f6f7f9; border-bottom: 1px solid #dcdfe4; color: #3b4252; }
#auth-hint code { font-family: ui-monospace, monospace; }
#graphiql { flex: 1; min-height: 0; }
`;

export function bootConfig(endpoint: string, examples: readonly GraphiqlExample[]): GraphiqlBootConfig {
  return {
    endpoint,
    headers: DEFAULT_HEADERS,
    tabs: examples.map((example) => ({
      query: labelled(example),
      variables: example.variables ?? null,
      // Per tab as well as the default, because GraphiQL only applies defaultHeaders to tabs the
      // user opens later, not to the ones given here.
      headers: DEFAULT_HEADERS,
    })),
  };
}

/** GraphiQL titles tabs by operation name, so the example's own name goes in as a comment. */
function labelled({ name, query }: GraphiqlExample): string {
  const title = name.replace(/\s+/g, " ").trim();
  return title === "" ? query : `# ${title}\n${query}`;
}

export function renderGraphiqlPage(config: GraphiqlBootConfig, assets: readonly Asset[]): string {
  const href = (asset: Asset) => `${ASSET_PATH_PREFIX}${asset.name}?v=${encodeURIComponent(asset.version)}`;
  const styles = assets
    .filter((asset) => asset.contentType.startsWith("text/css"))
    .map((asset) => `<link rel="stylesheet" href="${href(asset)}">`);
  const scripts = assets
    .filter((asset) => asset.contentType.startsWith("text/javascript"))
    .map((asset) => `<script src="${href(asset)}"></script>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>customer-graph · GraphiQL</title>
<link rel="icon" href="data:,">
${styles.join("\n")}
<style>${PAGE_STYLE}</style>
</head>
<body>
<p id="auth-hint">To send your API key, open <strong>Headers</strong> under the query editor and enter
<code>{"Authorization": "Bearer &lt;your key&gt;"}</code>. Each tab has its own headers, and they are not saved in the browser.</p>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${jsonForScript(config)}</script>
${scripts.join("\n")}
<script>${BOOT_SCRIPT}</script>
</body>
</html>
`;
}
