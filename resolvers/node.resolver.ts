import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { Node } from "../schema/node.interface.js";
import type { GraphContext } from "../src/context.js";
import { UserInputError } from "../src/errors.js";
import { lookupNode, type AnyNode } from "./node-lookup.js";
import { selectedDetailFields } from "./selection.js";

/** Upper bound of nodes(ids): each id may cost a vendor call. */
export const MAX_NODE_IDS = 100;

@Resolver()
export class NodeResolver {
  @Authorized("customers:read")
  @Query(() => Node, { nullable: true, description: "Any Customer, Contact, Location or Account by global id; null for an unknown or malformed id." })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphContext, @Info() info: GraphQLResolveInfo): Promise<AnyNode | null> {
    const ref = ctx.ids.decode(id);
    return ref ? lookupNode(ref, ctx, selectedDetailFields(info)) : null;
  }

  @Authorized("customers:read")
  @Query(() => [Node], {
    nullable: "items",
    description: `Several nodes at once (at most ${MAX_NODE_IDS} ids), in the order asked; null where an id names nothing.`,
  })
  nodes(
    @Arg("ids", () => [ID]) ids: string[],
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Array<Promise<AnyNode | null>> {
    if (ids.length > MAX_NODE_IDS) throw new UserInputError(`ids must have at most ${MAX_NODE_IDS} entries, got ${ids.length}`, ["ids"]);
    // What the selection reads of a Customer decides how the ids are read (a FULL_LIST vendor's list may do).
    const needs = selectedDetailFields(info);
    // One promise per item, not Promise.all: a vendor failure then nulls only its own items (with an error
    // at their path) instead of the whole list.
    return ids.map(async (id) => {
      const ref = ctx.ids.decode(id);
      return ref ? lookupNode(ref, ctx, needs) : null;
    });
  }
}
