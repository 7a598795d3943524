import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";

/** A customer as this subgraph stores it: customer-graph's two keys, `source sourceId` and `id`. */
export interface CustomerRef {
  source: string;
  sourceId: string;
  id: string;
}

export interface Order {
  id: string;
  number: string;
  total: number;
  currency: string;
  customer: CustomerRef;
}

export const ORDERS_SDL = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");

/** Two orders per customer, numbered in the order the customers are given (in memory, nothing persisted). */
export function ordersFor(customers: readonly CustomerRef[]): Order[] {
  return customers.flatMap((customer, i) =>
    [0, 1].map((n) => {
      const seq = 1000 + i * 2 + n;
      return { id: `order-${seq}`, number: `SO-${seq}`, total: ((seq * 37) % 900) + 10.5, currency: "USD", customer };
    }),
  );
}

/** The orders subgraph's executable schema over a fixed list of orders. */
export function ordersSchema(orders: readonly Order[]): GraphQLSchema {
  // The gateway names a customer by whichever key its query plan uses: { source, sourceId } or { id }.
  const sameCustomer = (stored: CustomerRef, ref: Partial<CustomerRef>) =>
    ref.id !== undefined ? stored.id === ref.id : stored.source === ref.source && stored.sourceId === ref.sourceId;
  const customerOf = (ref: Partial<CustomerRef>) => orders.find((o) => sameCustomer(o.customer, ref))?.customer ?? null;
  return buildSubgraphSchema([
    {
      typeDefs: parse(ORDERS_SDL),
      resolvers: {
        Query: {
          orders: () => orders,
          order: (_: unknown, { id }: { id: string }) => orders.find((o) => o.id === id) ?? null,
        },
        Order: {
          __resolveReference: ({ id }: { id: string }) => orders.find((o) => o.id === id) ?? null,
          customer: (order: Order) => ({ __typename: "Customer", ...order.customer }),
        },
        Customer: {
          // A customer this subgraph has no order of still has its (empty) orders: the keys it was named by.
          __resolveReference: (ref: Partial<CustomerRef>) => customerOf(ref) ?? ref,
          orders: (customer: Partial<CustomerRef>) => orders.filter((o) => sameCustomer(o.customer, customer)),
        },
      },
    },
  ]);
}

/** ORDER_CUSTOMERS: a JSON list of `{ "source", "sourceId", "id" }`, the customers the orders belong to. */
export function parseCustomerRefs(text: string): CustomerRef[] {
  const list: unknown = JSON.parse(text || "[]");
  const valid = (c: unknown): c is CustomerRef =>
    typeof c === "object" && c !== null && ["source", "sourceId", "id"].every((k) => typeof (c as Record<string, unknown>)[k] === "string");
  if (!Array.isArray(list) || !list.every(valid)) throw new Error('ORDER_CUSTOMERS must be a JSON list of { "source", "sourceId", "id" } strings');
  return list.map(({ source, sourceId, id }) => ({ source, sourceId, id }));
}
