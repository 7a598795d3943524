import { Directive, Field, ObjectType } from "type-graphql";
import type { LocationRecord } from "../src/model.js";
import { Address } from "./address.type.js";
import { CustomField } from "./custom-field.type.js";
import { LocationKindEnum } from "./location-kind.enum.js";
import { Node } from "./node.interface.js";
import type { Owner } from "./owner.js";
import { DateTime } from "./scalars.js";

export type LocationNode = LocationRecord & { __typename: "Location"; owner: Owner };

@Directive('@key(fields: "id")')
@ObjectType("Location", { implements: Node, description: "A customer's site, billing or shipping address." })
export class Location extends Node {
  @Field(() => LocationKindEnum, { description: "What this location is to the customer." })
  kind!: LocationKindEnum;

  @Field(() => String, { nullable: true, description: "The location's name, where the vendor names it." })
  name!: string | null;

  @Field(() => Boolean, { description: "The customer's primary (or default) location of its kind." })
  isPrimary!: boolean;

  @Field(() => Address, { description: "The postal address." })
  address!: Address;

  @Field(() => [CustomField], { description: "Vendor-defined fields of the location (RPM)." })
  customFields!: CustomField[];

  @Field(() => DateTime, { nullable: true, description: "When the vendor created the location." })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: "When the vendor last changed the location." })
  updatedAt!: Date | null;
}
