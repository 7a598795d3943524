import type { ZodType, ZodTypeDef } from "zod";
import { ErrorCode, UserInputError, VendorError, type VendorErrorCode } from "../errors.js";
import type { SourceName } from "../model.js";

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
}

export interface VendorResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined for an empty body (204). */
  body: unknown;
}

export interface VendorClientOptions {
  source: SourceName;
  baseUrl: string;
  timeoutMs: number;
  /** Credentials to scrub from anything kept in an error's detail. */
  secrets: readonly string[];
}

/**
 * The one HTTP client every vendor client extends, in the style of @apollo/datasource-rest: the transport,
 * timeout, status-to-code mapping and body parsing live here once; a vendor overrides only its quirk through
 * the protected hooks (auth headers, RPM's error inside a 200, Komet's status "0", WMS's token renewal).
 */
export abstract class VendorClient {
  private lastCallOk = true;

  protected constructor(protected readonly options: VendorClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new Error(`${options.source} base URL must be http(s), got ${base.protocol}`);
    }
  }

  /** The last call's outcome, for SourceInfo.healthy. */
  healthy(): boolean {
    return this.lastCallOk;
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    try {
      let res = await this.send(req);
      if (res.status === 401 && (await this.onUnauthorized(req))) {
        // Release the refused answer's connection before sending again.
        await res.body?.cancel();
        res = await this.send(req);
      }
      const result = await this.readResponse(res, req);
      this.lastCallOk = true;
      return result;
    } catch (err) {
      const vendorError = this.toVendorError(err, req);
      // A refusal about this record (not found, conflict, validation) says nothing about the vendor's health.
      this.lastCallOk = !vendorError.transient && vendorError.code !== ErrorCode.UPSTREAM_AUTH;
      throw vendorError;
    }
  }

  /** Adds the vendor's credentials to an outgoing request. */
  protected abstract authorize(headers: Headers, req: VendorRequest): Promise<void> | void;

  /** Called on a 401; return true to send the request once more (e.g. after fetching a new token). */
  protected async onUnauthorized(_req: VendorRequest): Promise<boolean> {
    return false;
  }

  /**
   * Turns a parsed answer into an error where the vendor reports one; the default reads only the status.
   * Vendors that report errors inside a 200 (RPM, Komet) override this.
   */
  protected errorFromResponse(res: VendorResponse, req: VendorRequest): VendorError | null {
    if (res.status < 400) return null;
    return this.error(codeForStatus(res.status), `HTTP ${res.status} ${describeBody(res.body)}`, req, {
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
   * surprise becomes UPSTREAM_BAD_RESPONSE instead of a crash or a silently wrong record.
   */
  protected parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, body: unknown, req: VendorRequest): T {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw this.error(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
      `bad response from ${this.options.source}: ${issue?.path.join(".") || "(body)"}: ${issue?.message}`,
      req,
    );
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

  private async send(req: VendorRequest): Promise<Response> {
    const headers = new Headers({ accept: "application/json", ...req.headers });
    let body: string | undefined;
    if (req.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(req.form).toString();
    }
    await this.authorize(headers, req);
    return fetch(this.urlFor(req), {
      method: req.method,
      headers,
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
  }

  private async readResponse(res: Response, req: VendorRequest): Promise<VendorResponse> {
    const text = await res.text();
    const contentType = res.headers.get("content-type") ?? "";
    let body: unknown;
    if (text.length > 0) {
      if (contentType.includes("html") || /^\s*</.test(text)) {
        throw this.error(res.status >= 500 ? ErrorCode.UPSTREAM_UNAVAILABLE : ErrorCode.UPSTREAM_BAD_RESPONSE,
          `HTTP ${res.status} with an HTML page`, req, { status: res.status });
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw this.error(ErrorCode.UPSTREAM_BAD_RESPONSE, `HTTP ${res.status} with a body that is not JSON`, req, {
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
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e?.name === "TimeoutError" || e?.name === "AbortError") {
      return this.error(
        req.write ? ErrorCode.UPSTREAM_OUTCOME_UNKNOWN : ErrorCode.UPSTREAM_TIMEOUT,
        `no answer within ${this.options.timeoutMs} ms`,
        req,
      );
    }
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
    // A connection refused never reached the vendor, so even a write is known not to have happened.
    const sent = cause !== "ECONNREFUSED" && cause !== "ENOTFOUND";
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

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeBody(body: unknown): string {
  if (body === undefined) return "(empty body)";
  return JSON.stringify(body).slice(0, 300);
}
