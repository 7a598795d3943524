/**
 * The documented input rules, in one place so that the schema's descriptions, the validators and README agree.
 * WMS_SHORT_ID is the warehouse system's own rule for shortID (its simulator enforces the same).
 */
export const NAME_MAX = 100;
export const TEXT_MAX = 200;
export const CUSTOM_FIELDS_MAX = 50;
export const CUSTOM_FIELD_VALUE_MAX = 2000;
export const SHORT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
/**
 * "All" in any case: WMS refuses it as a shortID, since GET /Customer/All is its list, so a customer by that
 * key could never be read back. Refusing it here keeps the refusal an INVALID at ["input", "shortId"].
 */
export const SHORT_ID_NOT_RESERVED = /^(?!all$)/i;
export const PHONE_PATTERN = /^[0-9+()\-. x]{3,32}$/;
export const NOT_BLANK = /\S/;
