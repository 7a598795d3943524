import { Matches } from "class-validator";

/**
 * The documented input rules, in one place so that the schema's descriptions, the validators and README agree.
 * WMS_SHORT_ID is the warehouse system's own rule for shortID (its simulator enforces the same).
 */
export const NAME_MAX = 100;
export const TEXT_MAX = 200;
/** An address line, for every vendor and mutation alike (WMS's address1/address2, RPM's address). */
export const ADDRESS_LINE_MAX = 100;
export const CUSTOM_FIELDS_MAX = 50;
export const CUSTOM_FIELD_VALUE_MAX = 2000;
export const SHORT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
/**
 * "All" in any case: WMS refuses it as a shortID, since GET /Customer/All is its list, so a customer by that
 * key could never be read back. Refusing it here keeps the refusal an INVALID at ["input", "shortId"].
 */
export const SHORT_ID_NOT_RESERVED = /^(?!all$)/i;
export const PHONE_PATTERN = /^[0-9+()\-. x]{3,32}$/;
/**
 * A visible character: a letter, digit, punctuation mark or symbol, other than the ones that render as blank
 * (Hangul fillers U+115F, U+1160, U+3164, U+FFA0 and the braille blank U+2800). Spaces, format characters such as
 * the zero-width space (U+200B) and combining marks alone do not count, so "\u200B" is blank.
 */
export const VISIBLE = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;
/** No control character (U+0000 to U+001F, U+007F to U+009F: tab and newline too) anywhere. */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

/** The rule for a name: it must show something. */
export const Visible = (field: string) =>
  Matches(VISIBLE, { message: `${field} must contain a visible character (a letter, digit, punctuation mark or symbol), not only blank or invisible ones` });

/** The rule for every text input. */
export const NoControlCharacters = (field: string) =>
  Matches(NO_CONTROL_CHARACTERS, { message: `${field} must not contain control characters (U+0000 to U+001F or U+007F to U+009F, such as a tab or newline)` });
