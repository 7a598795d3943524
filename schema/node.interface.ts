import { Field, ID, InterfaceType } from "type-graphql";

/** The node types; every value resolved as a Node carries one of these as __typename. */
export type NodeTypename = "Customer" | "Contact" | "Location" | "Account";

@InterfaceType("Node", {
  description: "An object with a global id, fetchable with node(id) / nodes(ids).",
  resolveType: (value: { __typename: NodeTypename }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque, globally unique and stable: the same record always gets the same id." })
  id!: string;
}
