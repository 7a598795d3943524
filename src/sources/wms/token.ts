/** An access token as the token endpoint issued it. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds; null when the endpoint did not say (the token is then kept until refused). */
  expiresInSec: number | null;
}

/** Renew this long before the token runs out, so that a call in flight never carries a token that expires. */
const RENEW_MARGIN_MS = 60_000;

/**
 * Holds one OAuth 2.0 client-credentials token for a client. Every call shares it; concurrent callers that
 * find no token share one fetch, so a burst of first calls costs one token request. The token is renewed
 * shortly before it expires, and dropped when the vendor refuses it (invalidate), so the next get fetches
 * a new one.
 */
export class BearerTokenCache {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetch().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /**
   * Forgets `token` after the vendor refused it. A token fetched since by another caller is kept, so that
   * several calls refused with the same old token cause one new fetch, not one each.
   */
  invalidate(token: string | undefined): void {
    if (token !== undefined && this.current?.token === token) this.current = null;
  }

  private async fetch(): Promise<string> {
    // Counted from before the request, so the lifetime is never overestimated by the request's own latency.
    const requestedAt = this.now();
    const issued = await this.fetchToken();
    const lifetimeMs = issued.expiresInSec === null ? Infinity : issued.expiresInSec * 1000;
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 10);
    this.current = { token: issued.accessToken, renewAt: requestedAt + lifetimeMs - margin };
    return issued.accessToken;
  }
}
