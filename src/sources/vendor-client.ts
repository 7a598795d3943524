import type { ZodType } from "zod/v4";
import { chargeVendorCall, noteVendorRefusal } from "../budget/vendor-call-charge.js";
import type { Resilience } from "../config.js";
import { ErrorCode, UserInputError, VendorError, type VendorErrorCode } from "../errors.js";
import type { RequestMeter } from "../budget/request-meter.js";
import type { SourceName } from "../model.js";
import { describeErrorAnswer, describeIssue, identifierOrUndefined, parameterNames } from "./error-detail.js";
import { DEFAULT_RESILIENCE, VendorPolicies } from "./resilience/vendor-policies.js";
import { recordVendorCall } from "./resilience/vendor-call-metrics.js";
import { OutgoingHeaders, TransportTimeoutError, VendorTransport, type AnswerHeaders, type WireRequest } from "./vendor-transport.js";

export interface VendorRequest {
  method: "GET" | "POST" | "DELETE";
  /** Path below the base URL, built with `pathOf` so that no id can change host or path. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The vendor's own name for the call, as the simulator's stats count it (e.g. "GET /Customer/{id}"). */
  operation: string;
  /**
   * Changes the vendor's state. A write whose connection drops or times out after sending may or may not
   * have been applied: it becomes UPSTREAM_OUTCOME_UNKNOWN rather than UNAVAILABLE or TIMEOUT.
   */
  write: boolean;
  /** Safe to send twice with the same effect (reads, upserts, deletes; not RPM's CustomerEdit). */
  idempotent: boolean;
  /**
   * The request this call is made for, which every try of it on the wire is charged to (src/budget/). Absent
   * outside any request: counted by nothing and refused by nothing.
   */
  meter?: RequestMeter;
}

export interface VendorResponse {
  status: number;
  headers: AnswerHeaders;
  /** The parsed JSON body; undefined for an empty body (204). */
  body: unknown;
}

export interface VendorClientOptions {
  source: SourceName;
  baseUrl: string;
  timeoutMs: number;
  /** Credentials to scrub from anything kept in an error's detail. */
  secrets: readonly string[];
  /** Retries, circuit breaker and bulkhead for this vendor; each setting absent takes DEFAULT_RESILIENCE's. */
  resilience?: Partial<Resilience>;
}

/** An answer as it came off the wire, before any reading of it. */
interface RawAnswer {
  status: number;
  headers: AnswerHeaders;
  text: string;
  /** From sending to the last byte of the body. */
  seconds: number;
}

/**
 * The one HTTP client every vendor client extends, in the style of @apollo/datasource-rest: the transport,
 * timeout, status-to-code mapping, body parsing and resilience (retries, circuit breaker, bulkhead; see
 * resilience/vendor-policies.ts) live here once; a vendor overrides only its quirk through the protected hooks
 * (auth headers, RPM's error inside a 200, Komet's status "0", WMS's token renewal).
 */
export abstract class VendorClient {
  private lastCallOk = true;
  private readonly policies: VendorPolicies;
  private readonly transport: VendorTransport;

  protected constructor(protected readonly options: VendorClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new Error(`${options.source} base URL must be http(s), got ${base.protocol}`);
    }
    const resilience = { ...DEFAULT_RESILIENCE, ...options.resilience };
    this.policies = new VendorPolicies(options.source, resilience);
    this.transport = new VendorTransport(base.origin, resilience.bulkhead);
  }

  /** For SourceInfo.healthy: false while the circuit is open, or when the last call failed for the vendor's sake. */
  healthy(): boolean {
    return this.lastCallOk && this.policies.circuitClosed();
  }

  /** Closes the client's connections once the calls in flight are done; later calls fail. */
  close(): Promise<void> {
    return this.transport.close();
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    try {
      const result = await this.policies.run(req, () => this.attempt(req));
      this.lastCallOk = true;
      return result;
    } catch (err) {
      const vendorError = this.toVendorError(err, req);
      // A refusal about this record (not found, conflict, validation) says nothing about the vendor's health, and
      // neither does a call our own bulkhead turned away; an open circuit shows in healthy() by itself.
      if (!this.policies.isRefusal(vendorError) && !REFUSED_BY_BUDGET.has(vendorError.code)) {
        this.lastCallOk = !vendorError.transient && vendorError.code !== ErrorCode.UPSTREAM_AUTH;
      }
      await noteVendorRefusal(vendorError, req.meter).catch(() => {});
      throw vendorError;
    }
  }

  /** Adds the vendor's credentials to an outgoing request. */
  protected abstract authorize(headers: OutgoingHeaders, req: VendorRequest): Promise<void> | void;

  /** Called on a 401; return true to send the request once more (e.g. after fetching a new token). */
  protected async onUnauthorized(_req: VendorRequest): Promise<boolean> {
    return false;
  }

  /**
   * Turns a parsed answer into an error where the vendor reports one; the default reads only the status.
   * Vendors that report errors inside a 200 (RPM, Komet) override this. A detail never quotes the vendor (it is
   * logged, and a vendor can echo our credentials, its hosts or a stack trace): see error-detail.ts.
   */
  protected errorFromResponse(res: VendorResponse, req: VendorRequest): VendorError | null {
    if (res.status < 400) return null;
    return this.error(codeForStatus(res.status), `HTTP ${res.status} with ${describeErrorAnswer(res.body, parameterNames(req))}`, req, {
      status: res.status,
      retryAfterMs: retryAfterMs(res.headers),
    });
  }

  protected error(
    code: VendorErrorCode,
    detail: string,
    req: VendorRequest,
    extra: { status?: number; retryAfterMs?: number } = {},
  ): VendorError {
    return new VendorError(code, this.options.source, this.scrub(detail), { ...extra, operation: req.operation });
  }

  /**
   * Checks a vendor answer against its documented shape (a zod schema in the vendor's wire.ts), so that a
   * surprise becomes UPSTREAM_BAD_RESPONSE (for a write, UPSTREAM_OUTCOME_UNKNOWN) instead of a crash or a
   * silently wrong record.
   */
  protected parse<T>(schema: ZodType<T>, body: unknown, req: VendorRequest): T {
    // reportInput lets the detail name the type it got; it costs nothing when the answer is well formed.
    const result = schema.safeParse(body, { reportInput: true });
    if (result.success) return result.data;
    throw this.error(unreadableCode(req, 200), `answer not of the documented shape: ${describeIssue(result.error.issues[0])}`, req);
  }

  /** Builds the URL below the base; exposed for tests that prove ids cannot escape it. */
  urlFor(req: Pick<VendorRequest, "path" | "query">): URL {
    const base = this.options.baseUrl.replace(/\/+$/, "");
    const url = new URL(base + req.path);
    const baseUrl = new URL(base);
    if (url.origin !== baseUrl.origin || !url.pathname.startsWith(baseUrl.pathname)) {
      throw new Error(`path ${req.path} escapes the ${this.options.source} base URL`);
    }
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** One try of a request. A 401 the vendor's hook can cure (WMS: a new token) is sent once more in the same try. */
  private async attempt(req: VendorRequest): Promise<VendorResponse> {
    const first = await this.guardedExchange(req, true);
    if ("response" in first) return first.response;
    if (await this.onUnauthorized(req)) {
      recordVendorCall(this.options.source, req.operation, ErrorCode.UPSTREAM_AUTH, first.unauthorized.seconds);
      const second = await this.guardedExchange(req, false);
      if ("response" in second) return second.response;
    }
    return this.classify(first.unauthorized, req);
  }

  /**
   * Credentials first, outside the circuit breaker (fetching them may be a request of its own, which inside would
   * wait for a half-open trial it is part of), then the exchange and the reading of its answer through it.
   */
  private async guardedExchange(
    req: VendorRequest,
    stopAt401: boolean,
  ): Promise<{ response: VendorResponse } | { unauthorized: RawAnswer }> {
    const outgoing = await this.outgoing(req);
    // After the credentials (a token request is a call of its own, charged as such), before the wire.
    await chargeVendorCall(req.meter, this.options.source, req.operation, req.write);
    return this.policies.guard(req, async () => {
      const answer = await this.send(req, outgoing);
      if (stopAt401 && answer.status === 401) return { unauthorized: answer };
      return { response: this.classify(answer, req) };
    });
  }

  /** Reads an answer into a response or a VendorError, and counts it. */
  private classify(answer: RawAnswer, req: VendorRequest): VendorResponse {
    try {
      const response = this.readResponse(answer, req);
      recordVendorCall(this.options.source, req.operation, "ok", answer.seconds);
      return response;
    } catch (err) {
      const code = err instanceof VendorError ? err.code : ErrorCode.UPSTREAM_BAD_RESPONSE;
      recordVendorCall(this.options.source, req.operation, code, answer.seconds);
      throw err;
    }
  }

  /** The request as it goes on the wire, credentials included. */
  private async outgoing(req: VendorRequest): Promise<WireRequest> {
    const headers = new OutgoingHeaders();
    headers.set("accept", "application/json");
    for (const [name, value] of Object.entries(req.headers ?? {})) headers.set(name, value);
    let body: string | undefined;
    if (req.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(req.form).toString();
    }
    await this.authorize(headers, req);
    const url = this.urlFor(req);
    return { method: req.method, path: url.pathname + url.search, headers, body };
  }

  /** One network exchange: the whole answer is read inside the timeout and the bulkhead slot. */
  private send(req: VendorRequest, outgoing: WireRequest): Promise<RawAnswer> {
    return this.policies.exchange(req, async () => {
      const started = performance.now();
      try {
        // The timeout covers the body too, and on expiry the socket is closed (see vendor-transport.ts).
        const answer = await this.transport.exchange(outgoing, this.options.timeoutMs);
        // The key before the spread: V8's fast path (the transport's answer has no `seconds`).
        return { seconds: (performance.now() - started) / 1000, ...answer };
      } catch (err) {
        const vendorError = this.toVendorError(err, req);
        recordVendorCall(this.options.source, req.operation, vendorError.code, (performance.now() - started) / 1000);
        throw vendorError;
      }
    });
  }

  private readResponse(res: RawAnswer, req: VendorRequest): VendorResponse {
    const text = res.text;
    const contentType = res.headers.get("content-type") ?? "";
    let body: unknown;
    if (text.length > 0) {
      if (contentType.includes("html") || /^\s*</.test(text)) {
        throw this.error(res.status >= 500 ? ErrorCode.UPSTREAM_UNAVAILABLE : unreadableCode(req, res.status),
          `HTTP ${res.status} with an HTML page`, req, { status: res.status });
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw this.error(unreadableCode(req, res.status), `HTTP ${res.status} with a body that is not JSON`, req, {
          status: res.status,
        });
      }
    }
    const parsed: VendorResponse = { status: res.status, headers: res.headers, body };
    const vendorError = this.errorFromResponse(parsed, req);
    if (vendorError) throw vendorError;
    return parsed;
  }

  private toVendorError(err: unknown, req: VendorRequest): VendorError {
    if (err instanceof VendorError) return err;
    const e = err as { name?: string; code?: string; cause?: { code?: string } };
    if (err instanceof TransportTimeoutError) {
      return this.error(
        req.write ? ErrorCode.UPSTREAM_OUTCOME_UNKNOWN : ErrorCode.UPSTREAM_TIMEOUT,
        `no answer within ${this.options.timeoutMs} ms`,
        req,
      );
    }
    // Only an error code such as ECONNRESET: a transport message can quote the vendor's host or the URL.
    // undici's request puts the code on the error itself (ECONNREFUSED, UND_ERR_SOCKET); a wrapped one on its cause.
    const cause = identifierOrUndefined(e?.code) ?? identifierOrUndefined(e?.cause?.code) ?? identifierOrUndefined(e?.name) ?? "unknown error";
    // A call that never got a connection never reached the vendor, so even a write is known not to have happened.
    const sent = !NEVER_SENT.has(cause);
    const code = req.write && sent ? ErrorCode.UPSTREAM_OUTCOME_UNKNOWN : ErrorCode.UPSTREAM_UNAVAILABLE;
    return this.error(code, `transport failure: ${cause}`, req);
  }

  private scrub(text: string): string {
    let out = text;
    for (const secret of this.options.secrets) {
      if (secret) out = out.split(secret).join("[redacted]");
    }
    return out.length > 500 ? `${out.slice(0, 500)}...` : out;
  }
}

/** Refusals of our own vendor budget: the call was never made, so they say nothing of the vendor's health. */
const REFUSED_BY_BUDGET: ReadonlySet<ErrorCode> = new Set([ErrorCode.TOO_MANY_VENDOR_CALLS, ErrorCode.UPSTREAM_QUOTA_EXHAUSTED]);

/** Transport failures before any byte left: refused, unknown host, connect timeout, our pool closed (refused at once). */
const NEVER_SENT: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/**
 * An answer we cannot read. For a write the vendor accepted (a status below 400) that is not a bad answer
 * to a question: the write was most likely applied (a truncated answer is what a dropped connection looks
 * like), so the caller must hear that the outcome is unknown, never that the write failed.
 */
function unreadableCode(req: VendorRequest, status: number): VendorErrorCode {
  return req.write && status < 400 ? ErrorCode.UPSTREAM_OUTCOME_UNKNOWN : ErrorCode.UPSTREAM_BAD_RESPONSE;
}

/** The HTTP-status-to-code mapping, in exactly one place. */
export function codeForStatus(status: number): VendorErrorCode {
  if (status === 401 || status === 403) return ErrorCode.UPSTREAM_AUTH;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 409) return ErrorCode.CONFLICT;
  if (status === 429) return ErrorCode.UPSTREAM_RATE_LIMITED;
  if (status === 408 || status === 504) return ErrorCode.UPSTREAM_TIMEOUT;
  if (status >= 500) return ErrorCode.UPSTREAM_UNAVAILABLE;
  return ErrorCode.UPSTREAM_REJECTED;
}

/** Percent-encodes one path segment and refuses segments that could walk the path (`.`/`..`) or be empty. */
export function pathSegment(value: string): string {
  if (value === "" || value === "." || value === ".." || value.length > 200) {
    throw new UserInputError(`${JSON.stringify(value.slice(0, 40))} is not a valid vendor key`);
  }
  return encodeURIComponent(value);
}

function retryAfterMs(headers: AnswerHeaders): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
