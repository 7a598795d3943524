import { Field, Int, ObjectType } from "type-graphql";
import { DateTime } from "./scalars.js";

@ObjectType("VendorQuota", {
  description:
    "A vendor's daily quota of calls, spent by every caller and every instance together (RPM_DAILY_CALLS and friends).",
})
export class VendorQuota {
  @Field(() => Int, { description: "Calls a vendor-day allows." })
  limit!: number;

  @Field(() => Int, { description: "Calls made (or refused by the vendor's own daily limit) this vendor-day." })
  used!: number;

  @Field(() => Int, { description: "Calls left this vendor-day; reads stop VENDOR_WRITE_RESERVE before zero, writes at zero." })
  remaining!: number;

  @Field(() => DateTime, { description: "When the quota starts again (VENDOR_QUOTA_RESET, UTC)." })
  resetsAt!: Date;
}
