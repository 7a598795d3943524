import { EventEmitter } from "node:events";
import { Pool } from "undici";

/** The headers of a request being built; a vendor client adds its credentials with `set`. */
export class OutgoingHeaders {
  readonly fields: Record<string, string> = {};

  set(name: string, value: string): void {
    this.fields[name.toLowerCase()] = value;
  }
}

/** An answer's headers: only lookup by name is needed, so undici's plain object is read in place. */
export interface AnswerHeaders {
  get(name: string): string | null;
}

export interface WireRequest {
  method: string;
  /** Path and query below the origin, e.g. /rpm/Customer or /komet/customer.list?name=x. */
  path: string;
  headers: OutgoingHeaders;
  body?: string;
}

export interface WireAnswer {
  status: number;
  headers: AnswerHeaders;
  text: string;
}

/** Thrown when the whole exchange (body included) did not finish within the timeout; the socket is closed. */
export class TransportTimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/**
 * One vendor's connections: an undici Pool of keep-alive sockets to its origin. undici's `request` on a Pool
 * costs about a fifth of the CPU of the global `fetch` per call (no web streams, Request/Response or Headers
 * objects; bench/vendor-call-cost.ts), which in N+1 scenarios was a third of the server's CPU.
 */
export class VendorTransport {
  private readonly pool: Pool;

  /** `connections` at most: the vendor's bulkhead already bounds the calls in flight, so none wait in undici. */
  constructor(origin: string, connections: number) {
    this.pool = new Pool(origin, { connections });
  }

  /**
   * One exchange, the whole body read within `timeoutMs`. On expiry the request is aborted, which makes undici
   * destroy the socket rather than return it to the pool: a hung vendor holds no connection past the timeout.
   * Transport failures are undici's errors as they come, with `code` (ECONNREFUSED, UND_ERR_SOCKET, ...) on the
   * error itself.
   */
  async exchange(req: WireRequest, timeoutMs: number): Promise<WireAnswer> {
    // An EventEmitter is the cheapest signal undici accepts (AbortController and AbortSignal.timeout cost more,
    // and the latter's timer outlives the call).
    const signal = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signal.emit("abort");
    }, timeoutMs);
    try {
      const res = await this.pool.request({ method: req.method as "GET", path: req.path, headers: req.headers.fields, body: req.body, signal });
      return { status: res.statusCode, headers: headerReader(res.headers), text: await res.body.text() };
    } catch (err) {
      if (timedOut) throw new TransportTimeoutError(`no answer within ${timeoutMs} ms`);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the idle sockets and refuses further calls; calls in flight finish first. */
  async close(): Promise<void> {
    if (!this.pool.closed) await this.pool.close();
  }
}

function headerReader(raw: Record<string, string | string[] | undefined>): AnswerHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
