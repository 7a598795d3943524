import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRpmDate } from "../../src/sources/rpm/wire.js";

/**
 * The reading of RPM dates in its first, plain form (a Date per candidate, the roll-over of 2/30 detected by
 * reading the day back): the oracle that the faster parseRpmDate is held to, whatever the text.
 */
function reference(text: string): Date | undefined {
  const value = text.trim();
  const legacy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  let parts: number[];
  let offset = 0;
  if (legacy) {
    const [, month, day, year, hour = "0", minute = "0", second = "0", meridiem] = legacy;
    let h = Number(hour);
    if (meridiem) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
    }
    parts = [year, month, day, h, minute, second, 0].map(Number);
  } else if (iso) {
    const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = iso;
    parts = [year, month, day, hour, minute, second, fraction.padEnd(3, "0").slice(0, 3)].map(Number);
    if (zone.toUpperCase() !== "Z") {
      const digits = zone.slice(1).replace(":", "");
      offset = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    }
  } else return undefined;
  const [y, mo, d, h, mi, s, ms] = parts as [number, number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return undefined;
  return new Date(date.getTime() - offset * 60_000);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
// Weighted to the edges that matter: years 0 to 99 (Date.UTC's 1900s), centuries and leap years, February and
// the ends of months, and values just out of range.
const year = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(0, 4, 96, 100, 1600, 1700, 1900, 2000, 2024, 2100), fc.integer({ min: 1000, max: 9999 }));
const month = fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constant(2));
const day = fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31));
const hour = fc.integer({ min: 0, max: 25 });
const sixty = fc.integer({ min: 0, max: 61 });

const legacyText = fc
  .tuple(month, day, year, fc.option(fc.tuple(hour, sixty, fc.option(sixty), fc.option(fc.constantFrom("AM", "PM", "am", "pm")))))
  .map(([mo, d, y, time]) => {
    const date = `${mo}/${d}/${pad(y, 4)}`;
    if (!time) return date;
    const [h, mi, s, meridiem] = time;
    return `${date} ${h}:${pad(mi, 2)}${s === null ? "" : `:${pad(s, 2)}`}${meridiem === null ? "" : ` ${meridiem}`}`;
  });
const isoText = fc
  .tuple(year, month, day, fc.option(fc.tuple(fc.constantFrom("T", " "), hour, sixty, sixty, fc.option(fc.stringMatching(/^\d{1,7}$/)))), fc.constantFrom("", "Z", "z", "+02:00", "-0530", "+14:00"))
  .map(([y, mo, d, time, zone]) => {
    const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
    if (!time) return date + zone;
    const [sep, h, mi, s, fraction] = time;
    return `${date}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction === null ? "" : `.${fraction}`}${zone}`;
  });

describe("RPM dates: the fast reading", () => {
  it("answers exactly what the plain reading answers, for both forms, real dates or not, and any text", () => {
    fc.assert(
      fc.property(fc.oneof(legacyText, isoText, fc.string()), fc.constantFrom("", " "), (text, space) => {
        const wrapped = `${space}${text}${space}`;
        expect(parseRpmDate(wrapped)?.getTime()).toBe(reference(wrapped)?.getTime());
      }),
      { numRuns: 5_000 },
    );
  });
});
