import { Directive, Field, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType("PageInfo", { description: "Relay page information (https://relay.dev/graphql/connections.htm)." })
export class PageInfo {
  @Field(() => Boolean, { description: "More edges follow this page (exact when paging forward with first)." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "More edges precede this page (exact when paging backward with last)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the first edge; null for an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the last edge; null for an empty page." })
  endCursor!: string | null;
}
