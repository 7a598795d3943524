import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { Account } from "../schema/account.type.js";
import { Contact } from "../schema/contact.type.js";
import { Location } from "../schema/location.type.js";
import type { Owner } from "../schema/owner.js";
import type { GraphContext } from "../src/context.js";

type Child = { sourceId: string; owner: Owner };
const ID_DESCRIPTION = "Opaque, globally unique and stable: the same record always gets the same id.";

// The global ids of records that live under a customer encode the owner too, so node(id) can find them.

@Resolver(() => Contact)
export class ContactIdResolver {
  @FieldResolver(() => ID, { description: ID_DESCRIPTION })
  id(@Root() c: Child, @Ctx() ctx: GraphContext): string {
    return ctx.ids.encode({ type: "Contact", source: c.owner.source, customerId: c.owner.customerId, childId: c.sourceId });
  }
}

@Resolver(() => Location)
export class LocationIdResolver {
  @FieldResolver(() => ID, { description: ID_DESCRIPTION })
  id(@Root() c: Child, @Ctx() ctx: GraphContext): string {
    return ctx.ids.encode({ type: "Location", source: c.owner.source, customerId: c.owner.customerId, childId: c.sourceId });
  }
}

@Resolver(() => Account)
export class AccountIdResolver {
  @FieldResolver(() => ID, { description: ID_DESCRIPTION })
  id(@Root() c: Child, @Ctx() ctx: GraphContext): string {
    return ctx.ids.encode({ type: "Account", source: c.owner.source, customerId: c.owner.customerId, childId: c.sourceId });
  }
}
