import { ArgsType, Field, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../src/pagination/connection-args.js";

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page forward: this many edges after \`after\` (0 to ${MAX_PAGE_SIZE}; default 50).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Page forward from this cursor (exclusive)." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page backward: this many edges before \`before\` (0 to ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Page backward from this cursor (exclusive)." })
  before?: string | null;
}
