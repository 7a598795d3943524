import { buildGraphSchema } from "../resolvers/build-schema.js";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

// `npm start`: the composition root, the one place that knows every layer.
try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, await buildGraphSchema(), logger);
  if (app.simulators) {
    console.log(`No vendor configured: vendor simulators embedded at ${app.simulators.url} (/rpm /wms /komet /connect)`);
  }
  console.log(`customer-graph ready: GraphQL at ${app.graph.url}/graphql, GraphiQL at ${app.graph.url}/`);
  const stop = (signal: string) => {
    logger.info({ signal }, "shutting down");
    void app.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
