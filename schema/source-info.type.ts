import { Field, ObjectType } from "type-graphql";
import { JSONScalar } from "./scalars.js";
import { SourceEnum } from "./source.enum.js";
import { VendorQuota } from "./vendor-quota.type.js";

@ObjectType("SourceInfo", { description: "A configured vendor system and what it can do." })
export class SourceInfo {
  @Field(() => SourceEnum, { description: "The vendor system." })
  source!: SourceEnum;

  @Field(() => String, { description: "How the vendor pages: FULL_LIST, PAGE_NUMBER or NEXT_CURSOR." })
  pagination!: string;

  @Field(() => Boolean, { description: "Whether the graph can write to this vendor (editCustomer and friends)." })
  writable!: boolean;

  @Field(() => Boolean, { description: "Is the vendor answering right now (last call's outcome, circuit state)." })
  healthy!: boolean;

  @Field(() => JSONScalar, {
    description: "What the vendor can do, for tooling: filters it applies itself, fields editCustomer can change, upsert, discontinue.",
  })
  capabilities!: Record<string, unknown>;

  @Field(() => VendorQuota, {
    nullable: true,
    description: "The vendor's daily quota and what is left of it; null where no quota is set.",
  })
  quota!: VendorQuota | null;
}
