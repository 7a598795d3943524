import { createHash } from "node:crypto";

/**
 * The simulator's pagination cursors. The vendor documents `nextCursor` only as opaque, so the simulator makes
 * it opaque too (base64url of a position and a check value) to keep a connector from reading or building
 * one. The check covers the position, the seed and the search it was issued for: a tampered cursor, or one
 * reused with another search, is refused with a 400 instead of silently skipping or repeating customers.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(position: number, search: string): string {
    return Buffer.from(JSON.stringify({ p: position, c: this.check(position, search) })).toString("base64url");
  }

  /** The position a cursor continues from, or null when it is not one this simulator issued for `search`. */
  decode(cursor: string, search: string, size: number): number | null {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (typeof parsed !== "object" || parsed === null) return null;
    const { p, c } = parsed as { p?: unknown; c?: unknown };
    if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || p > size) return null;
    return c === this.check(p, search) ? p : null;
  }

  private check(position: number, search: string): string {
    return createHash("sha256").update(`${this.secret}|${position}|${search}`).digest("base64url").slice(0, 16);
  }
}
