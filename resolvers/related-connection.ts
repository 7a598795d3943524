import type { ConnectionValue } from "../schema/connection.js";
import type { GraphContext } from "../src/context.js";
import { customerKey } from "../src/loaders.js";
import type { CustomerRecord, RelatedKind } from "../src/model.js";
import { pageOfArray } from "../src/pagination/array-page.js";
import { toPageRequest, type ConnectionArgs, type PageRequest } from "../src/pagination/connection-args.js";
import type { PositionCodec } from "../src/pagination/connection.js";
import { positionCodec } from "../src/pagination/position-codec.js";
import { connectionValue } from "./connection-value.js";
import { childNode } from "./node-lookup.js";

/**
 * A customer's contacts, locations or accounts as a connection: from the record when it came with them (no
 * promise at all: graphql then completes the customer synchronously), else from the request's loaders. Also
 * the resolver graphql calls directly (resolvers/direct-connections.ts), and the bench's graphql-js baseline's.
 */
export function relatedConnection(
  kind: RelatedKind,
  customer: CustomerRecord,
  args: ConnectionArgs,
  ctx: GraphContext,
): ConnectionValue<object> | Promise<ConnectionValue<object>> {
  const request = toPageRequest(args);
  const inline = customer[kind];
  if (inline != null) return relatedPage(kind, customer, inline, request, ctx);
  return ctx.loaders.related[kind]
    .load(customerKey(customer.source, customer.sourceId))
    .then((records) => relatedPage(kind, customer, records, request, ctx));
}

function relatedPage(kind: RelatedKind, customer: CustomerRecord, records: readonly object[], request: PageRequest, ctx: GraphContext) {
  const owner = { source: customer.source, customerId: customer.sourceId };
  let codec: PositionCodec | undefined;
  const codecOf = () => (codec ??= positionCodec(ctx.cursors, `${kind}|${customerKey(customer.source, customer.sourceId)}`));
  return connectionValue(pageOfArray(records, kind, request, codecOf, (record) => childNode(kind, owner, record)));
}
