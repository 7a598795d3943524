import { fileURLToPath } from "node:url";
import type { CustomerRef } from "../../examples/orders/orders.js";
import { childEnv, startProcess, type RunningProcess } from "./child-process.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface OrdersSubgraph {
  /** Where the gateway reaches it. */
  url: string;
  process: RunningProcess;
}

/** The example orders subgraph (examples/orders/server.ts) in its own process, its orders placed by `customers`. */
export async function startOrdersSubgraph(customers: readonly CustomerRef[], port = 0): Promise<OrdersSubgraph> {
  const { process, match } = await startProcess({
    command: globalThis.process.execPath,
    args: ["--import", "tsx", "examples/orders/server.ts"],
    cwd: ROOT,
    env: childEnv({ ORDERS_PORT: String(port), ORDER_CUSTOMERS: JSON.stringify(customers) }),
    ready: /orders subgraph ready at (\S+)/,
  });
  return { url: match[1]!, process };
}
