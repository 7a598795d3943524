import { IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { DateTime } from "../scalars.js";
import { SourceEnum } from "../source.enum.js";
import { NoControlCharacters, TEXT_MAX } from "./rules.js";

@InputType("CustomerFilter", { description: "Narrows the customers list; every filter gives the same results for every vendor." })
export class CustomerFilterInput {
  @Field(() => [SourceEnum], { nullable: true, description: "Only these sources; all configured sources when absent." })
  sources?: SourceEnum[];

  @Field(() => String, { nullable: true, description: `Case-insensitive substring of the name (at most ${TEXT_MAX} characters).` })
  @IsOptional()
  @MaxLength(TEXT_MAX, { message: `search must be at most ${TEXT_MAX} characters` })
  @NoControlCharacters("search")
  search?: string;

  @Field(() => String, { nullable: true, description: "Exact code (WMS shortID, Komet code, Connect humanReadableId), case-insensitive." })
  @IsOptional()
  @MaxLength(50, { message: "code must be at most 50 characters" })
  @NoControlCharacters("code")
  code?: string;

  @Field(() => Boolean, { nullable: true, description: "true: active only; false: discontinued only; absent: both." })
  active?: boolean;

  @Field(() => DateTime, { nullable: true, description: "Only customers changed at or after this time." })
  updatedSince?: Date;

  @Field(() => ID, { nullable: true, description: "Only customers of this salesperson (Komet)." })
  @IsOptional()
  @MaxLength(50, { message: "salesPersonId must be at most 50 characters" })
  @NoControlCharacters("salesPersonId")
  salesPersonId?: string;
}
