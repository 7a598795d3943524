import { Authorized, Directive, Field, ObjectType } from "type-graphql";
import { Customer, type CustomerNode } from "./customer.type.js";
import { UserErrorCode } from "./user-error-code.enum.js";

@Directive("@shareable")
@ObjectType("UserError", { description: "A reason a mutation refused its input, that the caller can act on." })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "email"].' })
  field!: string[] | null;

  @Field(() => String, { description: "What is wrong, stating the rule and what was received." })
  message!: string;

  @Field(() => UserErrorCode, { description: "The kind of refusal." })
  code!: UserErrorCode;
}

@ObjectType("CustomerPayload", { description: "The outcome of a customer mutation." })
export class CustomerPayload {
  // Writing does not imply reading: without customers:read this is null with a FORBIDDEN error at its path, so a
  // write-only key learns no more than `created` and `userErrors` (docs/security.md).
  @Authorized("customers:read")
  @Field(() => Customer, {
    nullable: true,
    description: "The customer as the vendor holds it after the write; null when refused, and null with a FORBIDDEN error for a key without customers:read.",
  })
  customer!: CustomerNode | null;

  @Field(() => [UserError], { description: "Why the mutation was refused; empty on success." })
  userErrors!: UserError[];

  @Field(() => Boolean, {
    nullable: true,
    description: "upsertCustomer: true when the record was created, false when an existing one was updated; null otherwise.",
  })
  created!: boolean | null;
}
