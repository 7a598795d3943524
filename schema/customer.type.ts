import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { CustomerRecord } from "../src/model.js";
import { Node } from "./node.interface.js";
import { SalesPerson } from "./sales-person.type.js";
import { DateTime } from "./scalars.js";
import { SourceEnum } from "./source.enum.js";

/** A customer as resolvers hand it to the schema; __typename is set where it is resolved through Node. */
export type CustomerNode = CustomerRecord & { __typename?: "Customer" };

/**
 * website, customFields, contacts, locations and accounts are declared by resolvers/customer-fields.resolver.ts:
 * they may need a per-customer vendor call, made only when selected.
 */
@Directive('@key(fields: "id")')
@Directive('@key(fields: "source sourceId")')
@ObjectType("Customer", { implements: Node, description: "A customer of one vendor system, in the unified model." })
export class Customer extends Node {
  @Field(() => SourceEnum, { description: "The vendor system this record comes from." })
  source!: SourceEnum;

  @Field(() => ID, { description: "The vendor's own key: RPM CustomerID, WMS shortID, Komet id, Connect customerId." })
  sourceId!: string;

  @Field(() => String, {
    nullable: true,
    description: "A human code where the vendor has one: WMS shortID, Komet code, Connect humanReadableId.",
  })
  code!: string | null;

  @Field(() => String, { description: "The customer's name." })
  name!: string;

  @Field(() => Boolean, { description: "False when the vendor has discontinued or deactivated the customer." })
  active!: boolean;

  @Field(() => String, { nullable: true, description: "The vendor's customer type, e.g. Retailer (Komet), BUSINESS (Connect)." })
  customerType!: string | null;

  @Field(() => String, { nullable: true, description: "Main email address." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "Main phone number." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "Fax number." })
  fax!: string | null;

  @Field(() => String, { nullable: true, description: "The customer's code in the accounting system (Komet)." })
  accountingCode!: string | null;

  @Field(() => SalesPerson, { nullable: true, description: "The salesperson responsible (Komet)." })
  salesPerson!: SalesPerson | null;

  @Field(() => String, { nullable: true, description: "The caller's own reference for the customer (Connect referenceId)." })
  referenceId!: string | null;

  @Field(() => String, { nullable: true, description: "Preferred locale, BCP 47, e.g. en-US (Connect)." })
  preferredLocale!: string | null;

  @Field(() => DateTime, { nullable: true, description: "When the vendor created the customer." })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: "When the vendor last changed the customer." })
  updatedAt!: Date | null;
}
