import { responsePathAsArray, type GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { ConnectionArgs } from "../schema/connection.args.js";
import { CustomerConnection } from "../schema/connections.js";
import { Customer, type CustomerNode } from "../schema/customer.type.js";
import { CustomerFilterInput } from "../schema/inputs/customer-filter.input.js";
import { SourceEnum } from "../schema/source.enum.js";
import type { GraphContext } from "../src/context.js";
import { filterKey } from "../src/customer-filter.js";
import { UserInputError, VendorError } from "../src/errors.js";
import { SOURCE_NAMES, type CustomerFilter, type SourceName } from "../src/model.js";
import { toPageRequest } from "../src/pagination/connection-args.js";
import { paginate } from "../src/pagination/connection.js";
import { positionCodec } from "../src/pagination/position-codec.js";
import type { Source } from "../src/sources/source.js";
import { connectionValue } from "./connection-value.js";
import { loadCustomer } from "./node-lookup.js";
import { selectedDetailFields } from "./selection.js";

@Resolver(() => Customer)
export class CustomerQueryResolver {
  @Authorized("customers:read")
  @Query(() => Customer, { nullable: true, description: "A customer by its global id; null when there is none." })
  async customer(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphContext, @Info() info: GraphQLResolveInfo): Promise<CustomerNode | null> {
    const ref = ctx.ids.decode(id);
    if (!ref) throw new UserInputError(`id is not a customer id issued by this graph`, ["id"]);
    if (ref.type !== "Customer") throw new UserInputError(`id names a ${ref.type}, not a Customer`, ["id"]);
    if (!ctx.sources.has(ref.source)) return null;
    return loadCustomer(ctx, ref.source, ref.customerId, selectedDetailFields(info));
  }

  @Authorized("customers:read")
  @Query(() => Customer, { nullable: true, description: "A customer by its vendor and the vendor's own key; null when there is none." })
  async customerBySourceId(
    @Arg("source", () => SourceEnum) source: SourceEnum,
    @Arg("sourceId", () => ID) sourceId: string,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerNode | null> {
    if (sourceId.length === 0 || sourceId.length > 200) {
      throw new UserInputError(`sourceId must be 1 to 200 characters, got ${sourceId.length}`, ["sourceId"]);
    }
    if (!ctx.sources.has(source)) throw new UserInputError(`source ${source} is not configured`, ["source"]);
    return loadCustomer(ctx, source, sourceId, selectedDetailFields(info));
  }

  @Authorized("customers:read")
  @Query(() => CustomerConnection, {
    description:
      "Customers of every selected source as one Relay connection: sources in the order of the Source enum, each in its vendor's order.",
  })
  async customers(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => CustomerFilterInput, { nullable: true }) filter: CustomerFilterInput | null,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const request = toPageRequest(args);
    const sources = selectedSources(filter?.sources, ctx);
    const unified = toCustomerFilter(filter);
    const scope = `customers|${sources.map((s) => s.name).join(",")}|${filterKey(unified)}`;
    const backward = request.direction === "backward";
    const parts = sources.map((source) => ({ key: source.name, sequence: ctx.sequenceFor(source, unified, backward) }));
    // A vendor that fails costs only its own records: the others still answer, with its error at this path.
    const onPartFailure = (_part: string, error: unknown) => {
      if (!(error instanceof VendorError)) return false;
      ctx.logger.warn({ code: error.code, source: error.source, detail: error.detail }, "vendor failed; list answered without it");
      ctx.partialErrors.add(error, responsePathAsArray(info.path));
      return true;
    };
    const page = await paginate(parts, request, positionCodec(ctx.cursors, scope), { onPartFailure });
    ctx.loaders.primeFromList(page.edges.map((e) => e.node));
    return connectionValue(page);
  }
}

/** The configured sources a filter selects, always in Source enum order so cursors stay meaningful. */
function selectedSources(asked: SourceEnum[] | undefined, ctx: GraphContext): Source[] {
  if (asked) {
    const missing = asked.find((s) => !ctx.sources.has(s));
    if (missing) throw new UserInputError(`filter.sources: ${missing} is not configured`, ["filter", "sources"]);
  }
  const wanted = new Set<SourceName>(asked ?? SOURCE_NAMES);
  return SOURCE_NAMES.filter((name) => wanted.has(name) && ctx.sources.has(name)).map((name) => ctx.sources.get(name)!);
}

function toCustomerFilter(filter: CustomerFilterInput | null): CustomerFilter {
  const out: CustomerFilter = {};
  if (!filter) return out;
  if (filter.search != null && filter.search !== "") out.search = filter.search;
  if (filter.code != null) out.code = filter.code;
  if (filter.active != null) out.active = filter.active;
  if (filter.updatedSince != null) out.updatedSince = filter.updatedSince;
  if (filter.salesPersonId != null) out.salesPersonId = filter.salesPersonId;
  return out;
}
