import type { CacheEntry } from "./response-store.js";

/**
 * A cache entry as text for the shared layer and back, Dates included (plain JSON would turn them into strings
 * the model does not expect): a Date is written as {"$date": <ms>}, which no vendor field is.
 */
export function encodeEntry(entry: CacheEntry): string {
  return JSON.stringify(entry, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : value;
  });
}

export function decodeEntry(text: string): CacheEntry | undefined {
  try {
    return JSON.parse(text, (_key, value: unknown) => {
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const date = (value as { $date?: unknown }).$date;
        if (typeof date === "number" && Object.keys(value).length === 1) return new Date(date);
      }
      return value;
    }) as CacheEntry;
  } catch {
    return undefined;
  }
}
