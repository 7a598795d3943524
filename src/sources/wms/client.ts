import type { RequestMeter } from "../../budget/request-meter.js";
import type { Resilience } from "../../config.js";
import { ErrorCode, type VendorError } from "../../errors.js";
import { parameterNames } from "../error-detail.js";
import type { OutgoingHeaders } from "../vendor-transport.js";
import { VendorClient, pathSegment, type VendorRequest, type VendorResponse } from "../vendor-client.js";
import { createHash } from "node:crypto";
import type { SharedState } from "../../state/shared-state.js";
import { BearerTokenCache, type IssuedToken } from "./token.js";
import { readCustomerFast, readCustomerPageFast } from "./fast-customer-list.js";
import {
  WmsCustomerPageSchema,
  WmsCustomerSchema,
  WmsErrorSchema,
  WmsTokenSchema,
  type WmsCustomer,
  type WmsCustomerInput,
  type WmsCustomerPage,
} from "./wire.js";

export interface WmsClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
  /** The clock tokens expire by; tests move it forward. */
  now?: () => number;
  /** Where every instance finds the token (one token for all of them); this client only when absent. */
  sharedState?: SharedState;
}

/** The error codes the WMS errors page documents. */
const WMS_ERROR_CODES: ReadonlySet<string> = new Set([
  "bad_request",
  "validation_error",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "not_implemented",
  "internal_error",
]);

/** The stats names of docs/vendors/README.md, which are also the operations errors report. */
const OP = {
  token: "Token",
  list: "GET /Customer/All",
  get: "GET /Customer/{id}",
  save: "POST /Customer",
  discontinue: "DELETE /Customer/{id}",
} as const;

/**
 * The WMS calls. Every call but /Token carries a bearer token from the OAuth 2.0 client-credentials flow;
 * a 401 means the token expired or was revoked, so the token is dropped and the call sent once more with
 * a new one (the base client's onUnauthorized hook).
 */
export class WmsClient extends VendorClient {
  private readonly tokens: BearerTokenCache;
  /** The token each request was sent with, so a 401 drops that token and not a newer one. */
  private readonly sentWith = new WeakMap<VendorRequest, string>();

  constructor(private readonly wms: WmsClientOptions) {
    super({
      source: "WMS",
      baseUrl: wms.baseUrl,
      timeoutMs: wms.timeoutMs,
      secrets: [wms.clientSecret],
      resilience: wms.resilience,
    });
    const shared = wms.sharedState && { state: wms.sharedState, key: sharedTokenKey(wms.baseUrl, wms.clientId) };
    this.tokens = new BearerTokenCache((meter) => this.fetchToken(meter), wms.now, shared);
  }

  async listCustomers(query: { page: number; pageSize: number; modifiedSince?: string }, meter?: RequestMeter): Promise<WmsCustomerPage> {
    const req: VendorRequest = {
      method: "GET",
      path: "/Customer/All",
      query: { page: query.page, pageSize: query.pageSize, modifiedSince: query.modifiedSince },
      operation: OP.list,
      write: false,
      idempotent: true,
      meter,
    };
    const { body } = await this.request(req);
    // The plain form is read by hand; the schema reads (and judges) anything else.
    return readCustomerPageFast(body) ?? this.parse(WmsCustomerPageSchema, body, req);
  }

  /** One customer; a VendorError NOT_FOUND when the vendor has none. */
  async getCustomer(shortID: string, meter?: RequestMeter): Promise<WmsCustomer> {
    const req: VendorRequest = {
      method: "GET",
      path: `/Customer/${pathSegment(shortID)}`,
      operation: OP.get,
      write: false,
      idempotent: true,
      meter,
    };
    // GET /Customer/All is the list, so no customer can be read by that key: asking would return a page.
    if (shortID.toLowerCase() === "all") throw this.error(ErrorCode.NOT_FOUND, `no customer can have the key ${shortID}`, req);
    const { body } = await this.request(req);
    return readCustomerFast(body) ?? this.parse(WmsCustomerSchema, body, req);
  }

  /** The upsert: created when the vendor answers 201, updated on 200. */
  async saveCustomer(input: WmsCustomerInput, meter?: RequestMeter): Promise<{ customer: WmsCustomer; created: boolean }> {
    const req: VendorRequest = {
      method: "POST",
      path: "/Customer",
      json: input,
      operation: OP.save,
      write: true,
      idempotent: true,
      meter,
    };
    const res = await this.request(req);
    if (res.status !== 200 && res.status !== 201) {
      throw this.error(ErrorCode.UPSTREAM_BAD_RESPONSE, `POST /Customer answered ${res.status}, expected 200 or 201`, req);
    }
    return { customer: this.parse(WmsCustomerSchema, res.body, req), created: res.status === 201 };
  }

  /** Marks the customer discontinued; repeating it is harmless. */
  async discontinueCustomer(shortID: string, meter?: RequestMeter): Promise<void> {
    await this.request({
      method: "DELETE",
      path: `/Customer/${pathSegment(shortID)}`,
      operation: OP.discontinue,
      write: true,
      idempotent: true,
      meter,
    });
  }

  protected override async authorize(headers: OutgoingHeaders, req: VendorRequest): Promise<void> {
    if (req.operation === OP.token) return;
    // A token request this call must wait for is charged to the request the call is made for.
    const token = await this.tokens.get(req.meter);
    this.sentWith.set(req, token);
    headers.set("authorization", `Bearer ${token}`);
  }

  protected override async onUnauthorized(req: VendorRequest): Promise<boolean> {
    // A refused /Token means wrong credentials: asking again would only be refused again.
    if (req.operation === OP.token) return false;
    this.tokens.invalidate(this.sentWith.get(req));
    return true;
  }

  /**
   * Names the documented error code and the fields WMS refused (those of our request), never WMS's messages:
   * a detail does not quote the vendor (see error-detail.ts).
   */
  protected override errorFromResponse(res: VendorResponse, req: VendorRequest): VendorError | null {
    const fromStatus = super.errorFromResponse(res, req);
    if (!fromStatus) return null;
    const body = WmsErrorSchema.safeParse(res.body);
    if (!body.success) return fromStatus;
    const code = WMS_ERROR_CODES.has(body.data.error) ? body.data.error : "an undocumented error code";
    const sent = new Set(parameterNames(req));
    const fields = Object.keys(body.data.details ?? {}).filter((field) => sent.has(field));
    const detail = `HTTP ${res.status} ${code}${fields.length > 0 ? ` (fields: ${fields.join(", ")})` : ""}`;
    return this.error(fromStatus.code, detail, req, fromStatus.options);
  }

  private async fetchToken(meter: RequestMeter | undefined): Promise<IssuedToken> {
    const req: VendorRequest = {
      method: "POST",
      path: "/Token",
      form: { grant_type: "client_credentials", client_id: this.wms.clientId, client_secret: this.wms.clientSecret },
      operation: OP.token,
      write: false,
      idempotent: true,
      meter,
    };
    const body = this.parse(WmsTokenSchema, (await this.request(req)).body, req);
    return { accessToken: body.access_token, expiresInSec: body.expires_in ?? null };
  }
}

/** One key per WMS and client, so two clients never share a token; the client id itself is not written out. */
function sharedTokenKey(baseUrl: string, clientId: string): string {
  return `wms:token:${createHash("sha256").update(`${baseUrl}\n${clientId}`).digest("hex").slice(0, 32)}`;
}
