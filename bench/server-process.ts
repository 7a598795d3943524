import { loadConfig, SIMULATOR_CREDENTIALS } from "../src/config.js";
import { IdCodec } from "../src/ids.js";
import { createLogger } from "../src/logger.js";
import { CursorCodec } from "../src/pagination/cursor-codec.js";
import { createSources } from "../src/sources/registry.js";
import { startBaselineServer } from "./baseline/server.js";
import { BENCH_ID_SECRET } from "./scenarios.js";
import { BENCH_CACHE_TTL_MS, type Variant } from "./variants.js";

/**
 * One server under test, in a process of its own (forked by bench/run.ts), so that its RSS is its own and the
 * load generator never shares its event loop. argv: the variant and the simulators' base URL. It answers the
 * parent with {type: "ready", url} and exits on {type: "stop"} or when the parent goes away.
 */

const [variant, simulatorUrl] = process.argv.slice(2) as [Variant, string];

/**
 * The environment `npm start` would read, pointing every vendor at the bench's simulators; no caller keys. Tuning
 * variables given to the bench pass through (e.g. `VENDOR_CONCURRENCY=32 npm run bench`), to compare settings.
 */
const tuning = Object.fromEntries(Object.entries(process.env).filter(([key]) => /^(VENDOR|MAX)_[A-Z_]+$/.test(key)));
const env = {
  ...tuning,
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "silent",
  NODE_ENV: "production",
  ID_SECRET: BENCH_ID_SECRET,
  ALLOW_INSECURE_NO_AUTH: "true",
  RPM_URL: `${simulatorUrl}/rpm`,
  RPM_API_KEY: SIMULATOR_CREDENTIALS.rpm.apiKey,
  WMS_URL: `${simulatorUrl}/wms`,
  WMS_CLIENT_ID: SIMULATOR_CREDENTIALS.wms.clientId,
  WMS_CLIENT_SECRET: SIMULATOR_CREDENTIALS.wms.clientSecret,
  KOMET_URL: `${simulatorUrl}/komet`,
  KOMET_TOKEN: SIMULATOR_CREDENTIALS.komet.token,
  CONNECT_URL: `${simulatorUrl}/connect`,
  CONNECT_API_KEY: SIMULATOR_CREDENTIALS.connect.apiKey,
  ...(variant === "graph-cached" ? { VENDOR_CACHE_TTL_MS: String(BENCH_CACHE_TTL_MS) } : {}),
};

async function start(): Promise<{ url: string; close(): Promise<void>; clearCache?(): void }> {
  const config = loadConfig(env);
  const logger = createLogger("silent");
  if (variant === "graph" || variant === "graph-cached") {
    // The composition root of `npm start`, so the figures include whatever app.ts wires (limits, resilience).
    // Imported here so that the baselines' processes never load type-graphql or Apollo.
    const { startApp } = await import("../src/app.js");
    const { buildGraphSchema } = await import("../resolvers/build-schema.js");
    const app = await startApp(config, await buildGraphSchema(), logger);
    return { url: app.graph.url, close: () => app.close(), clearCache: () => app.responseCache?.clear() };
  }
  const sources = createSources(config.vendors, {
    timeoutMs: config.vendorTimeoutMs,
    concurrency: config.vendorConcurrency,
    resilience: config.resilience,
  });
  const services = { sources, ids: new IdCodec(config.idSecret), cursors: new CursorCodec(config.idSecret), logger };
  const server = await startBaselineServer({ services, executor: variant as "graphql-js" | "graphql-jit" });
  return server;
}

if (!(["graph", "graph-cached", "graphql-js", "graphql-jit"] as string[]).includes(variant) || !simulatorUrl) {
  console.error(`usage: server-process.ts <graph|graph-cached|graphql-js|graphql-jit> <simulator url>`);
  process.exit(2);
}
const server = await start();
process.send?.({ type: "ready", url: server.url });
const stop = () => void server.close().finally(() => process.exit(0));
process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") stop();
  // The bench's call check measures one request on a cold cache: it empties the cache before each.
  if (message?.type === "clear-cache") {
    server.clearCache?.();
    process.send?.({ type: "cache-cleared" });
  }
});
process.on("disconnect", stop);
