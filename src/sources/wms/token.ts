import type { RequestMeter } from "../../budget/request-meter.js";
import type { SharedState } from "../../state/shared-state.js";

/** An access token as the token endpoint issued it. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds; null when the endpoint did not say (the token is then kept until refused). */
  expiresInSec: number | null;
}

/** Where every instance finds the token: the shared state and the key this client's token is kept under. */
export interface SharedTokenStore {
  state: SharedState;
  key: string;
}

/** Renew this long before the token runs out, so that a call in flight never carries a token that expires. */
const RENEW_MARGIN_MS = 60_000;
/** A token without a stated lifetime is still kept in the shared store no longer than this. */
const MAX_SHARED_LIFETIME_MS = 3_600_000;
/** Bounds the renewal lock should its holder die; a token request takes far less. */
const RENEW_LOCK_TTL_MS = 30_000;

interface HeldToken {
  token: string;
  renewAt: number;
}

/**
 * Holds one OAuth 2.0 client-credentials token for a client. Every call shares it; concurrent callers that
 * find no token share one fetch, so a burst of first calls costs one token request. The token is renewed
 * shortly before it expires, and dropped when the vendor refuses it (invalidate), so the next get fetches
 * a new one.
 *
 * With a shared store, every instance uses the same token: an instance without one reads the store, and only
 * the instance holding the renewal lock asks the vendor (the others find its token when they get the lock).
 */
export class BearerTokenCache {
  private current: HeldToken | null = null;
  private pending: Promise<string> | null = null;
  /** The last token the vendor refused: never taken from the store again. */
  private refused: string | undefined;

  constructor(
    /** Asks the vendor for a token, charged to `meter`: the request whose call needed it. */
    private readonly fetchToken: (meter: RequestMeter | undefined) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
    private readonly shared?: SharedTokenStore,
  ) {}

  /** `meter`: the request whose call needs the token; a fetch it starts is charged to it (concurrent callers share it). */
  get(meter?: RequestMeter): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= (this.shared ? this.fromShared(this.shared, meter) : this.fetch(meter)).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /**
   * Forgets `token` after the vendor refused it. A token fetched since by another caller is kept, so that
   * several calls refused with the same old token cause one new fetch, not one each.
   */
  invalidate(token: string | undefined): void {
    if (token === undefined) return;
    this.refused = token;
    if (this.current?.token === token) this.current = null;
  }

  /** The shared token if it is good, else one renewal for every instance: the lock, then the store read again. */
  private async fromShared({ state, key }: SharedTokenStore, meter: RequestMeter | undefined): Promise<string> {
    const stored = await this.readShared(state, key);
    if (stored) return this.hold(stored);
    return state.withLock(`${key}:renewal`, RENEW_LOCK_TTL_MS, async () => {
      const renewed = await this.readShared(state, key);
      if (renewed) return this.hold(renewed);
      const token = await this.fetch(meter);
      // A token without a stated lifetime is kept until refused here, but shared for a bounded time only.
      const held = { token, renewAt: Math.min(this.current!.renewAt, this.now() + MAX_SHARED_LIFETIME_MS) };
      await state.set(key, JSON.stringify(held), held.renewAt - this.now());
      return token;
    });
  }

  private async readShared(state: SharedState, key: string): Promise<HeldToken | null> {
    const text = await state.get(key);
    if (!text) return null;
    try {
      const held = JSON.parse(text) as HeldToken;
      const usable = typeof held.token === "string" && typeof held.renewAt === "number" && this.now() < held.renewAt;
      return usable && held.token !== this.refused ? held : null;
    } catch {
      return null;
    }
  }

  private hold(held: HeldToken): string {
    this.current = held;
    return held.token;
  }

  private async fetch(meter: RequestMeter | undefined): Promise<string> {
    // Counted from before the request, so the lifetime is never overestimated by the request's own latency.
    const requestedAt = this.now();
    const issued = await this.fetchToken(meter);
    const lifetimeMs = issued.expiresInSec === null ? Infinity : issued.expiresInSec * 1000;
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 10);
    this.current = { token: issued.accessToken, renewAt: requestedAt + lifetimeMs - margin };
    return issued.accessToken;
  }
}
