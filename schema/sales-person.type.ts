import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("SalesPerson", { description: "The vendor's salesperson responsible for a customer (Komet)." })
export class SalesPerson {
  @Field(() => ID, { description: "The vendor's salesperson id." })
  id!: string;

  @Field(() => String, { nullable: true, description: "The salesperson's name, where the vendor gives it." })
  name!: string | null;
}
