import { IsEmail, IsIn, IsISO31661Alpha2, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { SourceEnum } from "../source.enum.js";
import { ADDRESS_LINE_MAX, NAME_MAX, NoControlCharacters, PHONE_PATTERN, SHORT_ID_NOT_RESERVED, SHORT_ID_PATTERN, Visible } from "./rules.js";

@InputType("UpsertCustomerInput", { description: "Create or update a WMS customer keyed by its shortID." })
export class UpsertCustomerInput {
  @Field(() => SourceEnum, { defaultValue: SourceEnum.WMS, description: "The vendor; only WMS offers an upsert." })
  @IsIn(Object.values(SourceEnum), { message: "source must be one of RPM, WMS, KOMET, CONNECT" })
  source!: SourceEnum;

  @Field(() => String, { description: "The WMS shortID: 1 to 20 letters, digits, - or _, starting with a letter or digit." })
  @Matches(SHORT_ID_PATTERN, { message: "shortId must be 1 to 20 letters, digits, - or _, starting with a letter or digit" })
  @Matches(SHORT_ID_NOT_RESERVED, { message: 'shortId must not be "All" (in any case): WMS reserves it for its list' })
  shortId!: string;

  @Field(() => String, { nullable: true, description: `Customer name (1 to ${NAME_MAX} characters, with a visible character).` })
  @IsOptional()
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @Visible("name")
  @NoControlCharacters("name")
  name?: string;

  @Field(() => String, { nullable: true, description: `Primary address line (at most ${ADDRESS_LINE_MAX} characters).` })
  @IsOptional()
  @MaxLength(ADDRESS_LINE_MAX, { message: `address1 must be at most ${ADDRESS_LINE_MAX} characters` })
  @NoControlCharacters("address1")
  address1?: string;

  @Field(() => String, { nullable: true, description: `Secondary address line (at most ${ADDRESS_LINE_MAX} characters).` })
  @IsOptional()
  @MaxLength(ADDRESS_LINE_MAX, { message: `address2 must be at most ${ADDRESS_LINE_MAX} characters` })
  @NoControlCharacters("address2")
  address2?: string;

  @Field(() => String, { nullable: true, description: "City (at most 100 characters)." })
  @IsOptional()
  @MaxLength(100, { message: "city must be at most 100 characters" })
  @NoControlCharacters("city")
  city?: string;

  @Field(() => String, { nullable: true, description: "State or province (at most 50 characters)." })
  @IsOptional()
  @MaxLength(50, { message: "state must be at most 50 characters" })
  @NoControlCharacters("state")
  state?: string;

  @Field(() => String, { nullable: true, description: "Postal code (at most 20 characters)." })
  @IsOptional()
  @MaxLength(20, { message: "zip must be at most 20 characters" })
  @NoControlCharacters("zip")
  zip?: string;

  @Field(() => String, { nullable: true, description: "Country, ISO 3166-1 alpha-2 (e.g. US)." })
  @IsOptional()
  @IsISO31661Alpha2({ message: "country must be an ISO 3166-1 alpha-2 code, e.g. US" })
  country?: string;

  @Field(() => String, { nullable: true, description: "Phone number (3 to 32 of digits, spaces and + ( ) - . x)." })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: "phone must be 3 to 32 characters of digits, spaces and + ( ) - . x" })
  phone?: string;

  @Field(() => String, { nullable: true, description: "Fax number (3 to 32 of digits, spaces and + ( ) - . x)." })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: "fax must be 3 to 32 characters of digits, spaces and + ( ) - . x" })
  fax?: string;

  @Field(() => String, { nullable: true, description: "Email address." })
  @IsOptional()
  @IsEmail({}, { message: "email must be an email address, e.g. orders@example.com" })
  @NoControlCharacters("email")
  email?: string;

  @Field(() => String, { nullable: true, description: "Primary contact name (at most 100 characters)." })
  @IsOptional()
  @MaxLength(100, { message: "contact must be at most 100 characters" })
  @NoControlCharacters("contact")
  contact?: string;
}
