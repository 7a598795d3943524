import { ArrayMaxSize, IsEmail, IsOptional, IsUrl, Length, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { CustomFieldInput } from "./custom-field.input.js";
import { ADDRESS_LINE_MAX, CUSTOM_FIELDS_MAX, NAME_MAX, NoControlCharacters, PHONE_PATTERN, Visible } from "./rules.js";

@InputType("EditCustomerInput", { description: "Change an existing customer. Only the fields given change." })
export class EditCustomerInput {
  @Field(() => ID, { description: "The customer's global id." })
  id!: string;

  @Field(() => String, { nullable: true, description: `New name (1 to ${NAME_MAX} characters, with a visible character). RPM and WMS.` })
  @IsOptional()
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @Visible("name")
  @NoControlCharacters("name")
  name?: string;

  @Field(() => String, { nullable: true, description: "New website, an http(s) URL. RPM only." })
  @IsOptional()
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "website must be an http(s) URL, e.g. https://example.com" })
  @NoControlCharacters("website")
  website?: string;

  @Field(() => String, { nullable: true, description: `New street address (at most ${ADDRESS_LINE_MAX} characters). RPM (primary location) and WMS (address1).` })
  @IsOptional()
  @MaxLength(ADDRESS_LINE_MAX, { message: `address must be at most ${ADDRESS_LINE_MAX} characters` })
  @NoControlCharacters("address")
  address?: string;

  @Field(() => String, { nullable: true, description: "New email address. WMS only." })
  @IsOptional()
  @IsEmail({}, { message: "email must be an email address, e.g. orders@example.com" })
  @NoControlCharacters("email")
  email?: string;

  @Field(() => String, { nullable: true, description: "New phone number (3 to 32 of digits, spaces and + ( ) - . x). WMS only." })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: "phone must be 3 to 32 characters of digits, spaces and + ( ) - . x" })
  phone?: string;

  @Field(() => [CustomFieldInput], { nullable: true, description: `Custom fields to set by name (at most ${CUSTOM_FIELDS_MAX}). RPM only.` })
  @IsOptional()
  @ArrayMaxSize(CUSTOM_FIELDS_MAX, { message: `customFields must have at most ${CUSTOM_FIELDS_MAX} entries` })
  @ValidateNested({ each: true })
  customFields?: CustomFieldInput[];
}
