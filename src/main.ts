import { buildGraphSchema } from "../resolvers/build-schema.js";
import { startApp } from "./app.js";
import { ConfigError, loadConfig, vendorCredentials } from "./config.js";
import { createLogger } from "./logger.js";
import { exitGracefullyOnSignals } from "./shutdown.js";

// `npm start`: the composition root, the one place that knows every layer.
try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { secrets: vendorCredentials(config.vendors) });
  const app = await startApp(config, await buildGraphSchema({ nodeFields: config.nodeFields }), logger);
  if (app.simulators) {
    console.log(`No vendor configured: vendor simulators embedded at ${app.simulators.url} (/rpm /wms /komet /connect)`);
  }
  console.log(app.securityNotice);
  const graphiql = config.graphiql ? `GraphiQL at ${app.graph.url}/` : "GraphiQL off (GRAPHIQL=true serves it)";
  console.log(`customer-graph ready: GraphQL at ${app.graph.url}/graphql, ${graphiql}`);
  exitGracefullyOnSignals(() => app.close(), logger);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
