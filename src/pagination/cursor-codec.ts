import { createHmac, timingSafeEqual } from "node:crypto";
import { UserInputError } from "../errors.js";

/**
 * Opaque, tamper-evident cursors: base64url(JSON) plus an HMAC tag over the payload and the connection's
 * scope. The scope names the connection a cursor belongs to (e.g. the customers list with its filter), so a
 * cursor edited by hand, or carried over from another connection or filter, is refused instead of silently
 * pointing at the wrong records.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac("sha256", secret).update("cursor-key").digest();
  }

  encode(scope: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.tag(scope, body)}`;
  }

  /** Returns the payload; throws a BAD_USER_INPUT error naming `argument` for anything this scope did not issue. */
  decode(scope: string, cursor: string, argument: string): unknown {
    const invalid = () => new UserInputError(`${argument} is not a cursor issued for this connection`, [argument]);
    if (cursor.length > 4096) throw invalid();
    const [body, tag, extra] = cursor.split(".");
    if (!body || !tag || extra !== undefined) throw invalid();
    const expected = Buffer.from(this.tag(scope, body));
    const given = Buffer.from(tag);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    try {
      return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      throw invalid();
    }
  }

  /**
   * The payload without checking its tag: for the vendor-call estimate only, which runs before the resolver
   * decodes (and may refuse) the cursor. Never trusted for anything that reads records.
   */
  peek(cursor: string): unknown {
    const body = cursor.length <= 4096 ? cursor.split(".")[0] : undefined;
    if (!body) return undefined;
    try {
      return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
  }

  private tag(scope: string, body: string): string {
    return createHmac("sha256", this.key).update(scope).update("\0").update(body).digest("base64url").slice(0, 22);
  }
}
