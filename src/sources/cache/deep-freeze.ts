/**
 * Freezes a cached answer and everything in it, so that no request can change what the next one is served
 * (a frozen object throws on assignment in strict mode, which all modules are). Dates stay as they are: freezing
 * does not stop setTime, and nothing here calls it.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || value instanceof Date || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
