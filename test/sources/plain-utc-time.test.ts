import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainUtcTime } from "../../src/sources/plain-utc-time.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);

const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** Datetimes of the plain shape with every field over and beyond its range: Feb 29 of any year, day 31 of any month. */
const plainShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
  .map(([y, mo, d, h, mi, s]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`);
/** Near misses: a character changed, one dropped, a fraction or an offset, spaces. */
const nearMiss = fc.oneof(
  fc.tuple(plainShaped, fc.nat(18), fc.constantFrom(" ", "+", "-", ":", "T", "a", "Z", "٣")).map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1)),
  fc.tuple(plainShaped, fc.nat(18)).map(([t, i]) => t.slice(0, i) + t.slice(i + 1)),
  plainShaped.map((t) => `${t}.5`),
  plainShaped.map((t) => `${t}+02:00`),
  plainShaped.map((t) => ` ${t}`),
);

describe("plainUtcTime", () => {
  it("answers exactly what Date.parse answers wherever it answers, for zone-less and Z-suffixed text", () => {
    fc.assert(
      fc.property(fc.oneof(plainShaped, nearMiss), fc.constantFrom("" as const, "Z" as const), (text, zone) => {
        const written = text + zone;
        const time = plainUtcTime(written, zone);
        if (time !== undefined) expect(time).toBe(Date.parse(`${text}Z`));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it("reads every real datetime from the year 100 on, so that Date's parser is left the odd forms only", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0100-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (date) => {
        const text = date.toISOString().slice(0, 19);
        const whole = Math.floor(date.getTime() / 1000) * 1000;
        expect(plainUtcTime(text, "")).toBe(whole);
        expect(plainUtcTime(`${text}Z`, "Z")).toBe(whole);
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves to Date's parser what it does not read: leap days of common years, hour 24, years below 100, fractions, other zones", () => {
    for (const text of ["2023-02-29T00:00:00", "2100-02-29T00:00:00", "2023-04-31T00:00:00", "2023-04-15T24:00:00", "0099-01-01T00:00:00", "2023-04-15T08:30:00.5", "2023-04-15T08:30"]) {
      expect(plainUtcTime(text, "")).toBeUndefined();
    }
    expect(plainUtcTime("2023-04-15T08:30:00+02:00", "")).toBeUndefined();
    expect(plainUtcTime("2023-04-15T08:30:00Z", "")).toBeUndefined();
    expect(plainUtcTime("2023-04-15T08:30:00", "Z")).toBeUndefined();
    expect(plainUtcTime("2024-02-29T23:59:59", "")).toBe(Date.parse("2024-02-29T23:59:59Z"));
  });
});
