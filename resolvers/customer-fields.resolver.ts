import { Args, Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../schema/connection.args.js";
import { AccountConnection, ContactConnection, LocationConnection } from "../schema/connections.js";
import { CustomField } from "../schema/custom-field.type.js";
import { Customer, type CustomerNode } from "../schema/customer.type.js";
import type { GraphContext } from "../src/context.js";
import { customerKey } from "../src/loaders.js";
import type { CustomerRecord } from "../src/model.js";
import { relatedConnection } from "./related-connection.js";

/**
 * Customer fields that a list record may lack. Each is read from the record when it is there, else from the
 * request's loaders: only when selected, once per customer however often the query asks, batched across
 * customers. They are nullable so that a failing vendor call costs only this field.
 */
@Resolver(() => Customer)
export class CustomerFieldsResolver {
  @FieldResolver(() => ID, { description: "Opaque, globally unique and stable: the same record always gets the same id." })
  id(@Root() customer: CustomerRecord, @Ctx() ctx: GraphContext): string {
    return ctx.ids.encode({ type: "Customer", source: customer.source, customerId: customer.sourceId });
  }

  @FieldResolver(() => String, { nullable: true, description: "The customer's website (RPM)." })
  async website(@Root() customer: CustomerRecord, @Ctx() ctx: GraphContext): Promise<string | null> {
    if (customer.website !== undefined) return customer.website;
    return (await detail(customer, ctx))?.website ?? null;
  }

  @FieldResolver(() => [CustomField], {
    nullable: true,
    description: "Vendor-defined fields. Null (with an error at this path) when the vendor call behind it fails.",
  })
  async customFields(@Root() customer: CustomerRecord, @Ctx() ctx: GraphContext): Promise<CustomField[] | null> {
    if (customer.customFields !== undefined) return customer.customFields;
    return (await detail(customer, ctx))?.customFields ?? null;
  }

  @FieldResolver(() => ContactConnection, { nullable: true, description: "The customer's contacts." })
  contacts(@Root() customer: CustomerNode, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphContext) {
    return relatedConnection("contacts", customer, args, ctx);
  }

  @FieldResolver(() => LocationConnection, { nullable: true, description: "The customer's sites, billing and shipping addresses." })
  locations(@Root() customer: CustomerNode, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphContext) {
    return relatedConnection("locations", customer, args, ctx);
  }

  @FieldResolver(() => AccountConnection, { nullable: true, description: "The customer's accounts." })
  accounts(@Root() customer: CustomerNode, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphContext) {
    return relatedConnection("accounts", customer, args, ctx);
  }
}

function detail(customer: CustomerRecord, ctx: GraphContext) {
  return ctx.loaders.details.load(customerKey(customer.source, customer.sourceId));
}
