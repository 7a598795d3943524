import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startSimulators } from "../../src/simulators/server.js";
import { simulatedVendorsEnv } from "../server-env.js";

/**
 * One side of the fault/load run in a process of its own, forked by bench/fault-load.ts, so that the load
 * generator, the graph and the simulated vendors never share an event loop (a vendor slowed down by the
 * graph's own work would look like a slow vendor). argv: `simulators`, or `graph <simulators' URL> [<JSON of
 * environment variables over the defaults below>]`.
 * Answers the parent with {type: "ready", url} and stops on {type: "stop"} or when the parent goes.
 */
const [role, simulatorUrl, envOverrides] = process.argv.slice(2);

async function start(): Promise<{ url: string; close(): Promise<void> }> {
  if (role === "simulators") return startSimulators({ port: 0, sizes: { rpm: 50, wms: 50, komet: 50, connect: 50 } });
  if (role !== "graph" || !simulatorUrl) throw new Error("usage: server-process.ts simulators | graph <simulators URL>");
  // The environment `npm start` would read in front of these vendors; no caller keys, so the insecure flag
  // (loopback only). Everything else is the defaults unless the parent overrides it.
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    ALLOW_INSECURE_NO_AUTH: "true",
    ...simulatedVendorsEnv(simulatorUrl),
    ...(envOverrides ? (JSON.parse(envOverrides) as Record<string, string>) : {}),
  });
  const app = await startApp(config, await buildGraphSchema(), createLogger("silent"));
  return { url: app.graph.url, close: () => app.close() };
}

const running = await start();
process.send?.({ type: "ready", url: running.url });
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.on("message", (message: { type?: string }) => {
  if (message.type === "stop") void stop();
});
process.on("disconnect", () => void stop());
