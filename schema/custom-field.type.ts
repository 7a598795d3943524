import { Directive, Field, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType("CustomField", { description: "A vendor-defined field of a customer or location." })
export class CustomField {
  @Field(() => String, { description: "The field's name as the vendor calls it." })
  name!: string;

  @Field(() => String, { nullable: true, description: "The value, as text; null when unset." })
  value!: string | null;
}
