import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Supplier", { description: "The supplier an account is held with (RPM)." })
export class Supplier {
  @Field(() => ID, { description: "The vendor's supplier id." })
  id!: string;

  @Field(() => String, { description: "The supplier's name." })
  name!: string;
}
