import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ordersFor, ordersSchema, parseCustomerRefs } from "./orders.js";

/**
 * The example orders subgraph as a process of its own: `tsx examples/orders/server.ts`. ORDERS_PORT (default
 * 4200, 0 for a free one) and ORDER_CUSTOMERS (a JSON list of `{ source, sourceId, id }`, whose orders it holds).
 * Prints "orders subgraph ready at <url>" once it listens; SIGTERM/SIGINT stop it.
 */
const customers = parseCustomerRefs(process.env.ORDER_CUSTOMERS ?? "");
const server = new ApolloServer({ schema: ordersSchema(ordersFor(customers)), stopOnTerminationSignals: true });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.ORDERS_PORT ?? 4200), host: "127.0.0.1" } });
console.log(`orders subgraph ready at ${url} (${customers.length} customers)`);
