import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The browser files GraphiQL needs, served from our own node_modules because the machines this
 * runs on may have no internet and the page must not depend on a CDN.
 */
export interface Asset {
  /** Last segment of the URL under /graphiql/assets/. */
  name: string;
  contentType: string;
  /** Bumps the URL when the package is upgraded, so assets can be cached as immutable. */
  version: string;
  load(): Promise<Buffer>;
}

// graphiql's and react's package "exports" maps hide their UMD files from require.resolve, but
// both export ./package.json; resolving that finds the package wherever node_modules is.
const require = createRequire(import.meta.url);

interface PackageJson {
  version: string;
}

function packageAsset(pkg: string, file: string, name: string, contentType: string): Asset {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { version } = require(manifestPath) as PackageJson;
  const path = join(dirname(manifestPath), file);
  let cached: Promise<Buffer> | undefined;
  return {
    name,
    contentType,
    version,
    load() {
      // Keep the promise, not the buffer, so concurrent first requests share one read; drop it on
      // failure so a transient error is not cached for the life of the process.
      cached ??= readFile(path).catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
  };
}

const JS = "text/javascript; charset=utf-8";

/** In load order: React before ReactDOM before GraphiQL, whose UMD build reads both globals. */
export const graphiqlAssets: readonly Asset[] = [
  packageAsset("react", "umd/react.production.min.js", "react.production.min.js", JS),
  packageAsset("react-dom", "umd/react-dom.production.min.js", "react-dom.production.min.js", JS),
  packageAsset("graphiql", "graphiql.min.js", "graphiql.min.js", JS),
  packageAsset("graphiql", "graphiql.min.css", "graphiql.min.css", "text/css; charset=utf-8"),
];
