import { Directive, Field, ObjectType } from "type-graphql";
import type { AccountRecord } from "../src/model.js";
import { Node } from "./node.interface.js";
import type { Owner } from "./owner.js";
import { Supplier } from "./supplier.type.js";

export type AccountNode = AccountRecord & { __typename: "Account"; owner: Owner };

@Directive('@key(fields: "id")')
@ObjectType("Account", { implements: Node, description: "An account the customer holds: RPM supplier accounts, Connect billing." })
export class Account extends Node {
  @Field(() => String, { description: "The account's name or number." })
  name!: string;

  @Field(() => Supplier, { nullable: true, description: "The supplier the account is with (RPM)." })
  supplier!: Supplier | null;

  @Field(() => String, { nullable: true, description: "How the account is billed, e.g. E_INVOICE (Connect)." })
  billingMethod!: string | null;

  @Field(() => String, { nullable: true, description: "Billing currency, ISO 4217." })
  currency!: string | null;

  @Field(() => String, { nullable: true, description: "Where invoices are emailed." })
  billingEmail!: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether payment is taken automatically." })
  autoPay!: boolean | null;
}
