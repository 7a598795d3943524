import { isEmail, isISO31661Alpha2, isURL } from "class-validator";
import fc from "fast-check";
import { NO_CONTROL_CHARACTERS, PHONE_PATTERN, SHORT_ID_NOT_RESERVED, SHORT_ID_PATTERN, VISIBLE } from "../../../schema/inputs/rules.js";
import type { IdCodec } from "../../../src/ids.js";
import { anyString, mintedId, type Samples } from "./values.js";

/**
 * Mutation inputs built from the documented rules (schema/inputs/rules.ts and the input classes):
 * valid upserts, and inputs that break at least one rule and so must be refused before any vendor call.
 * Every invalid value is checked against the rule's own predicate, so a generator bug cannot make a valid
 * value pass for an invalid one.
 */

export interface UpsertInput {
  source?: string;
  shortId: string;
  name?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
  fax?: string;
  email?: string;
  contact?: string;
}

/** Text of 0..max code points (class-validator counts code points), ASCII or not, control characters included. */
function text(max: number, min = 0): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: "binary", minLength: min, maxLength: max }),
    fc.string({ unit: fc.constantFrom("é", "ß", "中", "😀", "'", '"', "\\", "<", "&", "\t"), minLength: min, maxLength: max }),
  );
}

/** Text every text rule accepts: no control character. */
const clean = (max: number, min = 0) => text(max, min).filter((s) => NO_CONTROL_CHARACTERS.test(s));
/** Text of at most `max` code points with a control character in it, which every text input refuses. */
const withControlUpTo = (max: number) =>
  fc
    .tuple(clean(Math.floor((max - 1) / 2)), fc.constantFrom("\u0000", "\n", "\t", "\r", "\u001b", "\u007f", "\u0085"), clean(Math.floor((max - 1) / 2)))
    .map(([a, c, b]) => a + c + b);
const withControl = withControlUpTo(41);

const isShortId = (s: string) => SHORT_ID_PATTERN.test(s) && SHORT_ID_NOT_RESERVED.test(s);
const validShortId = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(SHORT_ID_PATTERN).filter(isShortId) },
  // Sizes at the edge of the rule, and keys the seeded vendor already has (an upsert then updates).
  { weight: 1, arbitrary: fc.constantFrom("ACME-CORP", "BRIGHT-MFG", "0", "Z".repeat(20), "a_-", "Allx", "al") },
);

const validName = clean(100, 1).filter((s) => VISIBLE.test(s));
const validEmail = fc.emailAddress().filter((e) => isEmail(e));
const validPhone = fc.stringMatching(PHONE_PATTERN);
const validCountry = fc.constantFrom("US", "GB", "DE", "NL", "CA", "JP", "MX", "us", "Br");

/** An upsert every rule accepts: shortId always, each other field present or not. */
export const validUpsert: fc.Arbitrary<UpsertInput> = fc.record(
  {
    shortId: validShortId,
    name: validName,
    address1: clean(100),
    address2: clean(100),
    city: clean(100),
    state: clean(50),
    zip: clean(20),
    country: validCountry,
    phone: validPhone,
    fax: validPhone,
    email: validEmail,
    contact: clean(100),
  },
  { requiredKeys: ["shortId"] },
);

const tooLong = (max: number) => text(max + 40, max + 1);
const invalidShortId = fc
  .oneof(
    fc.constantFrom("", "All", "all", "ALL", "aLl"),
    fc.stringMatching(/^[A-Za-z0-9]{21,30}$/),
    fc.stringMatching(/^[-_][A-Za-z0-9]{0,10}$/),
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{1,9}$/), fc.constantFrom(" ", ".", "/", "?", "#", "%", "@", "é", "\n", "..")).map(([a, b]) => a + b),
    anyString,
  )
  .filter((s) => !isShortId(s));
const invalidName = fc.oneof(
  fc.constant(""),
  fc.stringMatching(/^[ \t\n\u00a0]{1,10}$/),
  // Blank to the eye: zero-width and format characters, Hangul fillers, the braille blank, a combining mark alone.
  fc.stringMatching(/^[\u200B\u200C\u200D\u2060\uFEFF\u3164\u2800\u115F\uFFA0\u0301 ]{1,10}$/),
  withControl,
  tooLong(100),
);
const invalidText = (max: number) => fc.oneof(tooLong(max), withControl);
const invalidPhone = anyString.filter((s) => !PHONE_PATTERN.test(s));
const invalidEmail = anyString.filter((s) => !isEmail(s));
const invalidCountry = fc.oneof(anyString, fc.stringMatching(/^[A-Z]{2}$/)).filter((s) => !isISO31661Alpha2(s));

/** Each field's ways to break its rule. */
const BROKEN_UPSERT_FIELDS = {
  shortId: invalidShortId,
  name: invalidName,
  address1: invalidText(100),
  address2: invalidText(100),
  city: invalidText(100),
  state: fc.oneof(tooLong(50), withControlUpTo(50)),
  zip: fc.oneof(tooLong(20), withControlUpTo(20)),
  country: invalidCountry,
  phone: invalidPhone,
  fax: invalidPhone,
  email: invalidEmail,
  contact: invalidText(100),
};

/** A valid upsert with one or more fields broken, or one aimed at a vendor that offers no upsert. */
export const invalidUpsert: fc.Arbitrary<UpsertInput> = fc.oneof(
  { weight: 6, arbitrary: fc
    .tuple(validUpsert, fc.record(BROKEN_UPSERT_FIELDS, { requiredKeys: [] }))
    .filter(([, broken]) => Object.keys(broken).length > 0)
    .map(([valid, broken]) => ({ ...valid, ...broken })) },
  { weight: 1, arbitrary: fc
    .tuple(validUpsert, fc.constantFrom("RPM", "KOMET", "CONNECT"))
    .map(([valid, source]) => ({ ...valid, source })) },
);

export interface EditInput {
  id: string;
  name?: string;
  website?: string;
  address?: string;
  email?: string;
  phone?: string;
  customFields?: Array<{ name: string; value?: string | null }>;
}

const invalidWebsite = anyString.filter((s) => !isURL(s, { protocols: ["http", "https"], require_protocol: true }));
const customField = fc.record({ name: validName, value: fc.option(clean(50), { nil: null }) });
const invalidCustomFields = fc.oneof(
  fc.array(customField, { minLength: 51, maxLength: 60 }),
  fc.tuple(fc.array(customField, { maxLength: 3 }), fc.oneof(
    fc.record({ name: invalidName, value: fc.constant(null) }),
    fc.record({ name: validName, value: fc.oneof(text(2_040, 2_001), withControl) }),
  )).map(([ok, bad]) => [...ok, bad]),
);

const BROKEN_EDIT_FIELDS = {
  name: invalidName,
  website: invalidWebsite,
  address: invalidText(100),
  email: invalidEmail,
  phone: invalidPhone,
  customFields: invalidCustomFields,
};

/**
 * editCustomer inputs that must be refused before any call: a rule broken (whatever the id), an id that
 * is not a customer id, no field to change, or a field the id's vendor cannot change.
 */
export function invalidEdit(samples: Samples, ids: IdCodec): fc.Arbitrary<EditInput> {
  const anyId = fc.oneof(fc.constantFrom(...samples.customerIds), anyString, mintedId(ids));
  const by = samples.customerIdsBySource;
  return fc.oneof(
    fc
      .tuple(anyId, fc.record(BROKEN_EDIT_FIELDS, { requiredKeys: [] }))
      .filter(([, broken]) => Object.keys(broken).length > 0)
      .map(([id, broken]) => ({ id, ...broken })),
    fc.constantFrom(...by.RPM, ...by.WMS).map((id) => ({ id })),
    fc.tuple(fc.constantFrom(...by.KOMET, ...by.CONNECT), validName).map(([id, name]) => ({ id, name })),
    fc.tuple(fc.constantFrom(...by.WMS), fc.constantFrom("https://example.com", "http://a.example.org/x")).map(([id, website]) => ({ id, website })),
    fc.tuple(fc.constantFrom(...by.RPM), validEmail).map(([id, email]) => ({ id, email })),
    fc.tuple(anyString, validName).map(([id, name]) => ({ id, name })),
  );
}

/** discontinueCustomer ids that must be refused before any call: not a customer id, or a vendor without it. */
export function invalidDiscontinueId(samples: Samples): fc.Arbitrary<string> {
  const by = samples.customerIdsBySource;
  return fc.oneof(anyString, fc.constantFrom(...samples.childIds), fc.constantFrom(...by.RPM, ...by.KOMET, ...by.CONNECT));
}
