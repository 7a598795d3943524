import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { SOURCE_NAMES, type SourceName } from "./model.js";

export const NODE_TYPES = ["Customer", "Contact", "Location", "Account"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** What a global id names: a customer, or a record that lives under one (its contact, location or account). */
export type NodeRef =
  | { type: "Customer"; source: SourceName; customerId: string }
  | { type: Exclude<NodeType, "Customer">; source: SourceName; customerId: string; childId: string };

/**
 * Global ids: stable (the same record always gets the same id) and decodable only by us. The reference is
 * encrypted with AES-256-GCM under a key derived from ID_SECRET, with the IV derived from the plaintext
 * itself (an HMAC), which is what makes the id deterministic; GCM's tag makes any edited id undecodable.
 */
export class IdCodec {
  private readonly encKey: Buffer;
  private readonly ivKey: Buffer;

  constructor(secret: string) {
    this.encKey = createHmac("sha256", secret).update("id-encryption").digest();
    this.ivKey = createHmac("sha256", secret).update("id-iv").digest();
  }

  encode(ref: NodeRef): string {
    const parts: string[] = [ref.type, ref.source, ref.customerId];
    if (ref.type !== "Customer") parts.push(ref.childId);
    const plain = Buffer.from(JSON.stringify(parts));
    const iv = createHmac("sha256", this.ivKey).update(plain).digest().subarray(0, 12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  }

  /** The reference, or null for anything we did not issue (malformed, edited, or from another secret). */
  decode(id: string): NodeRef | null {
    if (id.length < 40 || id.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
    const raw = Buffer.from(id, "base64url");
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      return toRef(JSON.parse(plain));
    } catch {
      return null;
    }
  }
}

function toRef(parts: unknown): NodeRef | null {
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === "string")) return null;
  const [type, source, customerId, childId] = parts as string[];
  if (!NODE_TYPES.includes(type as NodeType) || !SOURCE_NAMES.includes(source as SourceName) || !customerId) return null;
  if (type === "Customer") return parts.length === 3 ? { type, source: source as SourceName, customerId } : null;
  if (parts.length !== 4 || childId === undefined) return null;
  return { type: type as Exclude<NodeType, "Customer">, source: source as SourceName, customerId, childId };
}
