import { Directive, Field, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType("PhoneNumber", { description: "A contact's phone number." })
export class PhoneNumber {
  @Field(() => String, { description: "The number as the vendor stores it." })
  number!: string;

  @Field(() => String, { nullable: true, description: "Business, Home, Mobile, Fax or Other where the vendor types numbers." })
  type!: string | null;
}
