import { Directive, Field, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType("Address", { description: "A postal address; fields the vendor lacks are null." })
export class Address {
  @Field(() => String, { nullable: true, description: "First address line (street)." })
  line1!: string | null;

  @Field(() => String, { nullable: true, description: "Second address line (suite, apartment)." })
  line2!: string | null;

  @Field(() => String, { nullable: true, description: "City or town." })
  city!: string | null;

  @Field(() => String, { nullable: true, description: "State, province or county." })
  stateProvince!: string | null;

  @Field(() => String, { nullable: true, description: "Postal or ZIP code." })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: "Country, usually an ISO 3166-1 alpha-2 code." })
  country!: string | null;

  @Field(() => String, { nullable: true, description: "Region (Connect)." })
  region!: string | null;

  @Field(() => String, { nullable: true, description: "For the attention of (Connect)." })
  attention!: string | null;
}
