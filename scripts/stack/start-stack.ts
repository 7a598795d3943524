import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CustomerRef } from "../../examples/orders/orders.js";
import { composeSupergraph, exampleSubgraphs } from "../compose-supergraph.js";
import { SOURCE_NAMES } from "../../src/model.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import type { SimVendor } from "../../src/simulators/vendor-simulator.js";
import { freePort, startRedisServer, type RedisServer } from "../../test/support/redis-server.js";
import { startGateway, type RunningGateway } from "./gateway.js";
import { startGraphInstance, type GraphInstance } from "./graph-instance.js";
import { startLoadBalancer, type LoadBalancer } from "./nginx.js";
import { startOrdersSubgraph, type OrdersSubgraph } from "./orders-process.js";

export interface StackOptions {
  /** CALLER_KEYS of every instance; `readerKey` must be one of them with customers:read. */
  callerKeys: string;
  readerKey: string;
  /** The same ID_SECRET on every instance. */
  idSecret: string;
  instances?: number;
  /** Customers per vendor in the simulators. */
  sizes?: Partial<Record<SimVendor, number>>;
  /** Orders for this many customers of each vendor. */
  customersPerVendor?: number;
  /** More environment for every instance (e.g. VENDOR_CACHE_TTL_MS). */
  instanceEnv?: Record<string, string>;
  /** Fixed ports (0 or absent: free ones). */
  ports?: { gateway?: number; loadBalancer?: number; orders?: number; simulators?: number };
  graphiql?: boolean;
}

/** Everything `npm run stack` runs, and what test/federation starts: each part reachable for the test to drive. */
export interface Stack {
  redis: RedisServer;
  simulators: RunningSimulators;
  instances: GraphInstance[];
  loadBalancer: LoadBalancer;
  orders: OrdersSubgraph;
  orderCustomers: CustomerRef[];
  supergraph: string;
  gateway: RunningGateway;
  /** Runs `startGraphInstance` for one more instance sharing this stack's Redis, simulators and secret. */
  startInstance(env?: Record<string, string>): Promise<GraphInstance>;
  close(): Promise<void>;
}

/**
 * Redis, one set of vendor simulators, N instances of the service (separate processes sharing REDIS_URL and
 * ID_SECRET, all pointed at the same simulators), nginx in front of them, the example orders subgraph, the
 * supergraph composed from both, and Hive Gateway over it. Parts started before a failure are stopped again.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "customer-graph-stack-"));
  const stops: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const redis = await startRedisServer();
    stops.push(() => redis.stop());
    const simulators = await startSimulators({ sizes: options.sizes, port: options.ports?.simulators ?? 0 });
    stops.push(() => simulators.close());

    const startInstance = async (env?: Record<string, string>) => {
      const instance = await startGraphInstance({
        port: await freePort(),
        idSecret: options.idSecret,
        redisUrl: redis.url,
        simulators,
        callerKeys: options.callerKeys,
        env: { ...options.instanceEnv, ...env },
      });
      stops.push(() => instance.process.stop());
      return instance;
    };
    const instances = await Promise.all(Array.from({ length: options.instances ?? 2 }, () => startInstance()));

    const loadBalancer = await startLoadBalancer({
      port: options.ports?.loadBalancer || (await freePort()),
      upstreams: instances.map((i) => new URL(i.url).host),
      dir,
    });
    stops.push(() => loadBalancer.process.stop("SIGQUIT"));

    const orderCustomers = await someCustomers(`${loadBalancer.url}/graphql`, options.readerKey, options.customersPerVendor ?? 2);
    const orders = await startOrdersSubgraph(orderCustomers, options.ports?.orders ?? 0);
    stops.push(() => orders.process.stop());

    const supergraph = composeSupergraph(exampleSubgraphs({ customers: `${loadBalancer.url}/graphql`, orders: orders.url }));
    const gateway = await startGateway({ supergraph, port: options.ports?.gateway ?? 0, graphiql: options.graphiql });
    stops.push(() => gateway.close());

    return { redis, simulators, instances, loadBalancer, orders, orderCustomers, supergraph, gateway, startInstance, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The first `perVendor` customers of each vendor, with both keys: whom the example orders belong to. */
async function someCustomers(graphqlUrl: string, key: string, perVendor: number): Promise<CustomerRef[]> {
  const fields = SOURCE_NAMES.map((s) => `${s}: customers(first: ${perVendor}, filter: { sources: [${s}] }) { nodes { source sourceId id } }`);
  const res = await fetch(graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: `{ ${fields.join(" ")} }` }),
  });
  const body = (await res.json()) as { data?: Record<string, { nodes: CustomerRef[] }>; errors?: unknown };
  if (!body.data) throw new Error(`could not list customers for the orders subgraph: ${JSON.stringify(body.errors)}`);
  return SOURCE_NAMES.flatMap((s) => body.data![s]!.nodes);
}
