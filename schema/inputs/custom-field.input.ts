import { IsOptional, Length, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CUSTOM_FIELD_VALUE_MAX, NAME_MAX, NoControlCharacters, Visible } from "./rules.js";

@InputType("CustomFieldInput", { description: "A custom field to set, by name." })
export class CustomFieldInput {
  @Field(() => String, { description: `The field's name (1 to ${NAME_MAX} characters, with a visible character).` })
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @Visible("name")
  @NoControlCharacters("name")
  name!: string;

  @Field(() => String, { nullable: true, description: `The value (at most ${CUSTOM_FIELD_VALUE_MAX} characters); null clears it.` })
  @IsOptional()
  @MaxLength(CUSTOM_FIELD_VALUE_MAX, { message: `value must be at most ${CUSTOM_FIELD_VALUE_MAX} characters` })
  @NoControlCharacters("value")
  value?: string | null;
}
