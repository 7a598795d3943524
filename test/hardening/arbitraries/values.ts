import fc from "fast-check";
import { NODE_TYPES, type IdCodec, type NodeRef } from "../../../src/ids.js";
import { SOURCE_NAMES, type SourceName } from "../../../src/model.js";

/**
 * The argument values a caller controls (strings, numbers, ids, cursors), biased toward the ones that have
 * broken services like this one: path and header injection, reserved vendor words, sizes at and past every
 * limit, and values that are almost valid (an id or cursor we issued, with one character changed).
 */

/** Strings that mean something to a URL, a header, a vendor or a parser. */
export const NASTY_STRINGS = [
  "",
  " ",
  ".",
  "..",
  "../",
  "../../admin",
  "%2e%2e%2f",
  "a/b",
  "a?b=c",
  "a#b",
  "a%00b",
  "\u0000",
  "\r\nX-Injected: 1",
  "All",
  "all",
  "null",
  "undefined",
  "0",
  "-1",
  "1e309",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${process.env}",
  "\\",
  '"',
  "😀".repeat(30),
  "\u202e\u0301",
  "ACME-CORP",
  "x".repeat(201),
  "y".repeat(5_000),
];

export const nastyString = fc.constantFrom(...NASTY_STRINGS);

/** Any string a caller could send, short or long, printable or not. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 190, maxLength: 260 }) },
);

/** Page sizes: the usual ones, the edges of the 0..500 range, 32-bit extremes, beyond Int, and not whole. */
export const pageSize: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: -1 }) },
  { weight: 2, arbitrary: fc.constantFrom(499, 500, 501, 1_000, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 1.5) },
  { weight: 1, arbitrary: fc.integer() },
);

/** One character of `value` replaced: what a hand-edited or corrupted id or cursor looks like. */
export function tampered(pool: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...pool), fc.nat(), fc.constantFrom("A", "z", "0", "-", "_", ".", "=", "/", "%"))
    .map(([value, at, ch]) => {
      const i = at % Math.max(1, value.length);
      return value.slice(0, i) + ch + value.slice(i + 1);
    })
    .filter((value) => !pool.includes(value));
}

/**
 * Ids this graph signed, naming records that do not exist: a vendor key that is garbage, a path walk, a
 * query string, a header break. The id is genuine, so these reach the source layer and test that no key can
 * change a vendor's host or path or crash a mapper.
 */
export function mintedId(ids: IdCodec): fc.Arbitrary<string> {
  return fc
    .record({
      type: fc.constantFrom(...NODE_TYPES),
      source: fc.constantFrom(...SOURCE_NAMES),
      customerId: anyString.filter((s) => s.length > 0),
      childId: anyString,
    })
    .map(({ type, source, customerId, childId }) => {
      const ref: NodeRef = type === "Customer" ? { type, source, customerId } : { type, source, customerId, childId };
      return ids.encode(ref);
    });
}

export interface Samples {
  /** Global ids of real customers, one vendor after another. */
  customerIds: string[];
  /** The same, per vendor. */
  customerIdsBySource: Record<SourceName, string[]>;
  /** Global ids of real contacts, locations and accounts. */
  childIds: string[];
  /** Real vendor keys, for customerBySourceId. */
  sourceIds: string[];
  /** Cursors the graph issued (customers and nested connections, several filters). */
  cursors: string[];
}

/** An id argument: real, minted for nothing, tampered, or not an id at all. */
export function idValue(samples: Samples, ids: IdCodec): fc.Arbitrary<string> {
  const real = [...samples.customerIds, ...samples.childIds];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    { weight: 2, arbitrary: mintedId(ids) },
    { weight: 1, arbitrary: tampered(real) },
    { weight: 2, arbitrary: anyString },
    { weight: 1, arbitrary: fc.base64String({ minLength: 40, maxLength: 120 }) },
  );
}

/** A cursor argument: issued (maybe for another connection or filter), tampered, or garbage. */
export function cursorValue(samples: Samples): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...samples.cursors) },
    { weight: 2, arbitrary: tampered(samples.cursors) },
    { weight: 1, arbitrary: fc.tuple(fc.base64String({ maxLength: 60 }), fc.base64String({ maxLength: 30 })).map(([a, b]) => `${a}.${b}`) },
    { weight: 1, arbitrary: fc.constantFrom(...samples.cursors).map((c) => `${c}.${c}`) },
    { weight: 2, arbitrary: anyString },
  );
}
