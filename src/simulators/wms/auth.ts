import { randomUUID } from "node:crypto";

/** The vendor's permission numbers: List/Get needs 130, Create/Modify/Discontinue needs 131. */
export const PERMISSION_READ = 130;
export const PERMISSION_WRITE = 131;

/** Lifetime the vendor reports in `expires_in`: just under four hours. */
export const TOKEN_LIFETIME_SEC = 14_399;

interface ApiClient {
  secret: string;
  permissions: ReadonlySet<number>;
}

/** The fixed simulator clients (docs/vendors/README.md): a full one, and a read-only one for 403s. */
const CLIENTS: ReadonlyMap<string, ApiClient> = new Map([
  ["sim-wms-client", { secret: "sim-wms-secret", permissions: new Set([PERMISSION_READ, PERMISSION_WRITE]) }],
  ["sim-wms-readonly", { secret: "sim-wms-secret", permissions: new Set([PERMISSION_READ]) }],
]);

export type Authorization =
  | { ok: true }
  | { ok: false; status: 401 | 403; reason: string };

/**
 * Issues and checks bearer tokens. Tokens live in the simulator's state, so a simulator reset invalidates
 * every token handed out before it, the way a vendor-side revocation would. Tokens are random rather than
 * seeded: they are credentials, not data, and must not repeat across resets.
 */
export class TokenIssuer {
  private readonly tokens = new Map<string, { expiresAt: number; permissions: ReadonlySet<number> }>();

  constructor(private readonly now: () => number) {}

  /** Null when the client is unknown or the secret wrong. */
  issue(clientId: string, clientSecret: string): { accessToken: string; expiresIn: number } | null {
    const client = CLIENTS.get(clientId);
    if (!client || client.secret !== clientSecret) return null;
    const accessToken = randomUUID().replace(/-/g, "") + randomUUID().replace(/-/g, "");
    this.tokens.set(accessToken, { expiresAt: this.now() + TOKEN_LIFETIME_SEC * 1000, permissions: client.permissions });
    return { accessToken, expiresIn: TOKEN_LIFETIME_SEC };
  }

  /** Checks an Authorization header for a live token carrying the permission. */
  authorize(header: string | undefined, permission: number): Authorization {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    if (!match) return { ok: false, status: 401, reason: "Authorization has been denied for this request: no bearer token." };
    const token = this.tokens.get(match[1]);
    if (!token) return { ok: false, status: 401, reason: "Authorization has been denied for this request: the token is not valid." };
    if (this.now() >= token.expiresAt) {
      this.tokens.delete(match[1]);
      return { ok: false, status: 401, reason: "Authorization has been denied for this request: the token has expired." };
    }
    if (!token.permissions.has(permission)) {
      return { ok: false, status: 403, reason: `This client lacks permission ${permission} (SecurityID) for this call.` };
    }
    return { ok: true };
  }
}
