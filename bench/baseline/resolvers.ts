import type { GraphQLFieldResolver } from "graphql";
import { connectionValue } from "../../resolvers/connection-value.js";
import { relatedConnection } from "../../resolvers/related-connection.js";
import { lookupNode } from "../../resolvers/node-lookup.js";
import { selectedDetailFields } from "../../resolvers/selection.js";
import type { GraphContext } from "../../src/context.js";
import { filterKey } from "../../src/customer-filter.js";
import { UserInputError } from "../../src/errors.js";
import { SOURCE_NAMES, type CustomerFilter, type CustomerRecord, type SourceName } from "../../src/model.js";
import { toPageRequest, type ConnectionArgs } from "../../src/pagination/connection-args.js";
import { paginate } from "../../src/pagination/connection.js";
import { positionCodec } from "../../src/pagination/position-codec.js";
import { customerKey } from "../../src/loaders.js";

/**
 * The baseline's resolvers as a plain map, over exactly the graph's connectors, loaders and pagination (the
 * per-request GraphContext of src/context.ts, the node lookup and connection shaping of resolvers/). What differs
 * from the graph is only what sits above: no type-graphql, no Apollo. Cursors and ids come from the same codecs
 * and scopes, so both answer the same operation with the same bytes.
 */
type Resolver = GraphQLFieldResolver<any, GraphContext, any>;
export type ResolverMap = Record<string, Record<string, Resolver>>;

interface FilterArgs {
  sources?: SourceName[] | null;
  search?: string | null;
  code?: string | null;
  active?: boolean | null;
  salesPersonId?: string | null;
}

export const resolvers: ResolverMap = {
  Query: {
    async customers(_root, args: ConnectionArgs & { filter?: FilterArgs | null }, ctx) {
      const request = toPageRequest(args);
      const asked = args.filter?.sources ?? undefined;
      const missing = asked?.find((s) => !ctx.sources.has(s));
      if (missing) throw new UserInputError(`filter.sources: ${missing} is not configured`, ["filter", "sources"]);
      const wanted = new Set<SourceName>(asked ?? SOURCE_NAMES);
      const sources = SOURCE_NAMES.filter((n) => wanted.has(n) && ctx.sources.has(n)).map((n) => ctx.sources.get(n)!);
      const filter = toCustomerFilter(args.filter);
      const scope = `customers|${sources.map((s) => s.name).join(",")}|${filterKey(filter)}`;
      const parts = sources.map((source) => ({ key: source.name, sequence: ctx.sequenceFor(source, filter) }));
      const page = await paginate(parts, request, positionCodec(ctx.cursors, scope));
      ctx.loaders.primeFromList(page.edges.map((e) => e.node));
      return connectionValue(page);
    },
    node(_root, args: { id: string }, ctx, info) {
      const ref = ctx.ids.decode(args.id);
      return ref ? lookupNode(ref, ctx, selectedDetailFields(info)) : null;
    },
    nodes(_root, args: { ids: string[] }, ctx, info) {
      if (args.ids.length > 100) throw new UserInputError(`ids must have at most 100 entries, got ${args.ids.length}`, ["ids"]);
      const needs = selectedDetailFields(info);
      return Promise.all(args.ids.map((id) => {
        const ref = ctx.ids.decode(id);
        return ref ? lookupNode(ref, ctx, needs) : null;
      }));
    },
  },
  Customer: {
    id: (c: CustomerRecord, _args, ctx) => ctx.ids.encode({ type: "Customer", source: c.source, customerId: c.sourceId }),
    async website(c: CustomerRecord, _args, ctx) {
      if (c.website !== undefined) return c.website;
      return (await ctx.loaders.details.load(customerKey(c.source, c.sourceId)))?.website ?? null;
    },
    contacts: (c: CustomerRecord, args: ConnectionArgs, ctx) => relatedConnection("contacts", c, args, ctx),
    locations: (c: CustomerRecord, args: ConnectionArgs, ctx) => relatedConnection("locations", c, args, ctx),
  },
  Contact: { id: childId("Contact") },
  Location: { id: childId("Location") },
};

function childId(type: "Contact" | "Location"): Resolver {
  return (c: { sourceId: string; owner: { source: SourceName; customerId: string } }, _args, ctx) =>
    ctx.ids.encode({ type, source: c.owner.source, customerId: c.owner.customerId, childId: c.sourceId });
}

function toCustomerFilter(filter: FilterArgs | null | undefined): CustomerFilter {
  const out: CustomerFilter = {};
  if (!filter) return out;
  if (filter.search != null && filter.search !== "") out.search = filter.search;
  if (filter.code != null) out.code = filter.code;
  if (filter.active != null) out.active = filter.active;
  if (filter.salesPersonId != null) out.salesPersonId = filter.salesPersonId;
  return out;
}
