import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { NGINX } from "./stack/nginx.js";
import { startStack } from "./stack/start-stack.js";

/**
 * `npm run stack`: the federated picture on this machine, to explore: Redis, the vendor simulators, two
 * instances of the service behind nginx, the example orders subgraph, and Hive Gateway with GraphiQL.
 * STACK_PORT (default 4000) is the gateway's port; everything else takes free loopback ports. Ctrl-C stops it all.
 */
const missing = [
  spawnSync("redis-server", ["--version"]).error ? "redis-server" : null,
  existsSync(NGINX) || !spawnSync(NGINX, ["-v"]).error ? null : "nginx",
].filter((m): m is string => m !== null);
if (missing.length > 0) {
  console.error(`npm run stack needs ${missing.join(" and ")} (Debian: apt-get install ${missing.join(" ")})`);
  process.exit(2);
}

const key = process.env.STACK_CALLER_KEY ?? `stack-${randomBytes(12).toString("hex")}`;
console.log("Starting Redis, the simulators, two instances, nginx, the orders subgraph and Hive Gateway ...");
const stack = await startStack({
  callerKeys: `${key}=customers:read,customers:write`,
  readerKey: key,
  idSecret: process.env.ID_SECRET ?? `stack-${randomBytes(16).toString("hex")}`,
  ports: { gateway: Number(process.env.STACK_PORT ?? 4000) },
  graphiql: true,
});
console.log(`
  Hive Gateway + GraphiQL  ${stack.gateway.url}/   (GraphQL at ${stack.gateway.url}/graphql)
  caller key               ${key}   (Authorization: Bearer ${key}; GraphiQL asks for it)
  nginx (customer graph)   ${stack.loadBalancer.url}/graphql
  instances                ${stack.instances.map((i) => i.url).join("  ")}
  orders subgraph          ${stack.orders.url}
  vendor simulators        ${stack.simulators.url}
  Redis                    ${stack.redis.url}

  Try: { orders { number total customer { source name email contacts { nodes { name } } } } }
  Ctrl-C stops everything.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("Stopping ...");
  await stack.close();
  console.log("Stopped.");
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
