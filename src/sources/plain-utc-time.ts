/**
 * The time of a UTC datetime in the plain form vendors send, "YYYY-MM-DDThh:mm:ss" followed by `zone` ("" when the
 * vendor writes none, "Z" when it does), read digit by digit; undefined for anything else (fractions, offsets, a
 * day the month lacks, an hour of 24, a year below 100), which the caller leaves to Date's own parser. Where it
 * answers, it answers what Date.parse answers for the same text (with "Z" appended when `zone` is "").
 * Why: Date's string parser was most of what mapping a page of records cost (two datetimes per record);
 * test/sources/plain-utc-time.test.ts holds the two together.
 */
export function plainUtcTime(text: string, zone: "" | "Z"): number | undefined {
  if (text.length !== 19 + zone.length || (zone !== "" && text.charCodeAt(19) !== 90 /* Z */)) return undefined;
  if (text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // Date.UTC reads years 0 to 99 as 1900 to 1999: those, and every field out of range, go to Date's parser.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number the `count` digits at `at` spell, or -1 if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month (1 to 12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
