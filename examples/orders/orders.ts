import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";

/** A customer as this subgraph stores it: customer-graph's `source sourceId` key. */
export interface CustomerRef {
  source: string;
  sourceId: string;
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
  const sameCustomer = (a: CustomerRef, b: CustomerRef) => a.source === b.source && a.sourceId === b.sourceId;
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
          // The gateway sends { __typename, source, sourceId }: a representation by the key declared above.
          __resolveReference: (ref: CustomerRef) => ({ source: ref.source, sourceId: ref.sourceId }),
          orders: (customer: CustomerRef) => orders.filter((o) => sameCustomer(o.customer, customer)),
        },
      },
    },
  ]);
}

/** ORDER_CUSTOMERS: `SOURCE:sourceId` pairs, comma-separated, e.g. `WMS:ACME-CORP,RPM:1001`. */
export function parseCustomerRefs(text: string): CustomerRef[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(":");
      if (at <= 0 || at === part.length - 1) throw new Error(`ORDER_CUSTOMERS: "${part}" must be SOURCE:sourceId`);
      return { source: part.slice(0, at), sourceId: part.slice(at + 1) };
    });
}
