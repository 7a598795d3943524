import { loadConfig } from "../src/config.js";
import { IdCodec } from "../src/ids.js";
import { createLogger } from "../src/logger.js";
import { CursorCodec } from "../src/pagination/cursor-codec.js";
import { createSources } from "../src/sources/registry.js";
import { startBaselineServer } from "./baseline/server.js";
import { serverEnv } from "./server-env.js";
import type { Variant } from "./variants.js";
import { VendorBudget } from "../src/budget/vendor-budget.js";
import { createInProcessState } from "../src/state/in-process-state.js";

/**
 * One baseline server under test (graphql-js or graphql-jit over the graph's connectors), in a process of its own
 * (forked by bench/processes.ts, compiled to dist-bench/ by tsconfig.bench.json, as the graph is by `npm run build`),
 * so that its RSS is its own and the load generator never shares its event loop; the graph itself runs as
 * `npm start` runs it, see bench/graph-process.mjs. argv: the variant and the
 * simulators' base URL. It answers the
 * parent with {type: "ready", url} and exits on {type: "stop"} or when the parent goes away.
 */

const [variant, simulatorUrl] = process.argv.slice(2) as [Variant, string];

async function start(): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig(serverEnv(variant, simulatorUrl));
  const logger = createLogger("silent");
  const sources = createSources(config.vendors, {
    timeoutMs: config.vendorTimeoutMs,
    concurrency: config.vendorConcurrency,
    resilience: config.resilience,
  });
  // The baselines count no vendor calls (no budget plugin, no request meter): what they measure is the work
  // without the budget's accounting.
  const budget = new VendorBudget(config.budget, createInProcessState());
  const services = { sources, ids: new IdCodec(config.idSecret), cursors: new CursorCodec(config.idSecret), logger, budget };
  const server = await startBaselineServer({ services, executor: variant as "graphql-js" | "graphql-jit" });
  return server;
}

if (!(["graphql-js", "graphql-jit"] as string[]).includes(variant) || !simulatorUrl) {
  console.error(`usage: server-process.ts <graphql-js|graphql-jit> <simulator url> (the graph runs from bench/graph-process.mjs)`);
  process.exit(2);
}
const server = await start();
process.send?.({ type: "ready", url: server.url });
const stop = () => void server.close().finally(() => process.exit(0));
process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") stop();
});
process.on("disconnect", stop);
