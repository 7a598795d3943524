import type { CounterWindow } from "./window-counter.js";

export const WINDOW_UNITS = ["minute", "hour", "day"] as const;
export type WindowUnit = (typeof WINDOW_UNITS)[number];

/** A budget of vendor calls per window, as `calls:<n>/<unit>` or CALLER_VENDOR_CALLS say it. */
export interface CallRate {
  calls: number;
  per: WindowUnit;
}

const UNIT_MS: Record<WindowUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
export const CALL_RATE_RULE = `<calls>/<${WINDOW_UNITS.join("|")}>, calls a whole number from 0 to 100000000`;

/** `6000/hour` as a CallRate; null when the text is not of that form (the caller names the setting). */
export function parseCallRate(text: string): CallRate | null {
  const match = /^\s*(\d{1,9})\s*\/\s*(minute|hour|day)\s*$/.exec(text);
  if (!match) return null;
  const calls = Number(match[1]);
  return calls <= 100_000_000 ? { calls, per: match[2] as WindowUnit } : null;
}

/** The clock-aligned window (UTC) of `unit` that holds `now`: every instance agrees on it without talking. */
export function windowOf(unit: WindowUnit, now: number): CounterWindow {
  const lengthMs = UNIT_MS[unit];
  const start = Math.floor(now / lengthMs) * lengthMs;
  return { id: `${unit}:${start}`, endsAt: start + lengthMs, lengthMs };
}

/** The vendor-day that holds `now`, starting each day at `resetMinute` minutes after midnight UTC. */
export function vendorDayOf(resetMinute: number, now: number): CounterWindow {
  const lengthMs = UNIT_MS.day;
  const offset = resetMinute * 60_000;
  const start = Math.floor((now - offset) / lengthMs) * lengthMs + offset;
  return { id: `day:${start}`, endsAt: start + lengthMs, lengthMs };
}

/** `HH:MM` (UTC) as minutes after midnight; null when not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
