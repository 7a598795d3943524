import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { ContactRecord } from "../src/model.js";
import { Node } from "./node.interface.js";
import type { Owner } from "./owner.js";
import { PhoneNumber } from "./phone-number.type.js";

/** A contact as resolvers hand it to the schema: the record plus the customer it belongs to. */
export type ContactNode = ContactRecord & { __typename: "Contact"; owner: Owner };

@Directive('@key(fields: "id")')
@ObjectType("Contact", { implements: Node, description: "A person at a customer." })
export class Contact extends Node {
  @Field(() => String, { description: "Full name as the vendor shows it." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Given name." })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: "Family name." })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: "Salutation, e.g. Ms." })
  salutation!: string | null;

  @Field(() => String, { nullable: true, description: "Job title." })
  title!: string | null;

  @Field(() => String, { nullable: true, description: "Email address." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "Role at the customer: a Connect user's role, a Komet contact's type (Buyer, A/P)." })
  role!: string | null;

  @Field(() => Boolean, { description: "The customer's primary contact." })
  isPrimary!: boolean;

  @Field(() => [PhoneNumber], { description: "Phone numbers, possibly none." })
  phoneNumbers!: PhoneNumber[];
}
