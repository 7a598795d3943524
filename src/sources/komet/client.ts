import type { RequestMeter } from "../../budget/request-meter.js";
import type { ZodType } from "zod/v4";
import type { Resilience } from "../../config.js";
import { ErrorCode, type VendorError, type VendorErrorCode } from "../../errors.js";
import { mentionedParameters, parameterNames } from "../error-detail.js";
import { VendorClient, type VendorRequest, type VendorResponse } from "../vendor-client.js";
import { readCustomerListFast } from "./fast-customer-list.js";
import {
  kometContactList,
  kometCustomerList,
  kometEnvelope,
  kometShipToList,
  type KometContact,
  type KometCustomer,
  type KometShipTo,
} from "./wire.js";

export interface KometClientOptions {
  /** e.g. https://api.kometsales.com/api */
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
}

/** customer.list's parameters, already in Komet's formats (integers as decimal strings, dates YYYY-MM-DD). */
export interface CustomerListParams {
  id?: string;
  name?: string;
  code?: string;
  salesPersonId?: string;
  includeInactive?: boolean;
  locationId?: string;
  updateAsOf?: string;
}

/**
 * Komet Sales' calls. Its quirks: the token is a query parameter, and every answer is HTTP 200 whose
 * `status` ("1" or "0") alone tells success from failure, so a failure must be caught before any body is
 * read as data.
 */
export class KometClient extends VendorClient {
  private readonly token: string;

  constructor(options: KometClientOptions) {
    super({
      source: "KOMET",
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      secrets: [options.token],
      resilience: options.resilience,
    });
    this.token = options.token;
  }

  async listCustomers(params: CustomerListParams, meter?: RequestMeter): Promise<KometCustomer[]> {
    const { includeInactive, ...rest } = params;
    const query = { ...rest, includeInactive: includeInactive === undefined ? undefined : String(includeInactive) };
    return (await this.get("customer.list", query, meter, kometCustomerList, readCustomerListFast)).customers;
  }

  async listContacts(customerId: string, meter?: RequestMeter): Promise<KometContact[]> {
    return (await this.get("customer.contact.list", { customerId }, meter, kometContactList)).contacts;
  }

  async listShipTos(customerId: string, meter?: RequestMeter): Promise<KometShipTo[]> {
    return (await this.get("customer.shipto.list", { customerId }, meter, kometShipToList)).shiptos;
  }

  /** The credential travels in the query (see `get`), so there is no header to add. */
  protected authorize(): void {}

  protected override errorFromResponse(res: VendorResponse, req: VendorRequest): VendorError | null {
    const httpError = super.errorFromResponse(res, req);
    if (httpError) return httpError;
    const envelope = kometEnvelope.safeParse(res.body);
    if (!envelope.success) {
      return this.error(ErrorCode.UPSTREAM_BAD_RESPONSE, "answer without a Komet status", req, { status: res.status });
    }
    const status = String(envelope.data.status).trim();
    if (status === "1") return null;
    if (status === "0") {
      const message = envelope.data.message ?? "";
      return this.error(codeForKometMessage(message), `status 0: ${describeKometMessage(message, req)}`, req, {
        status: res.status,
      });
    }
    return this.error(ErrorCode.UPSTREAM_BAD_RESPONSE, `a status that is neither "1" nor "0"`, req, { status: res.status });
  }

  private async get<T>(
    operation: string,
    params: Record<string, string | undefined>,
    meter: RequestMeter | undefined,
    schema: ZodType<T>,
    /** A cheaper reader of the plain form, null for anything else: the schema then reads (and judges) the answer. */
    fast?: (body: unknown) => T | null,
  ): Promise<T> {
    const req: VendorRequest = {
      method: "GET",
      path: `/${operation}`,
      // Komet reads the token from the query only; it is listed in `secrets`, so no error detail keeps it.
      query: { ...params, authenticationToken: this.token },
      operation,
      write: false,
      idempotent: true,
      meter,
    };
    const res = await this.request(req);
    return fast?.(res.body) ?? this.parse(schema, res.body, req);
  }
}

/** The messages a detail may name, in our words (a detail never quotes Komet: see error-detail.ts). */
const KNOWN_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/invalid authentication token/i, "Invalid authentication token"],
  [/daily request limit/i, "Daily request limit exceeded"],
];
const MESSAGE_KINDS: Record<VendorErrorCode, string> = {
  [ErrorCode.UPSTREAM_RATE_LIMITED]: "a request limit",
  [ErrorCode.UPSTREAM_AUTH]: "a refusal of the token",
  [ErrorCode.NOT_FOUND]: "a record not found",
  [ErrorCode.UPSTREAM_REJECTED]: "a refusal of the request",
  [ErrorCode.CONFLICT]: "a conflict",
  [ErrorCode.UPSTREAM_UNAVAILABLE]: "an outage",
  [ErrorCode.UPSTREAM_TIMEOUT]: "a timeout",
  [ErrorCode.UPSTREAM_BAD_RESPONSE]: "an unreadable request",
  [ErrorCode.UPSTREAM_OUTCOME_UNKNOWN]: "an unknown outcome",
  [ErrorCode.TOO_MANY_VENDOR_CALLS]: "a request over its call limit",
  [ErrorCode.UPSTREAM_QUOTA_EXHAUSTED]: "a spent quota",
};

/** A status "0" message told as which known message or kind of refusal it is, and which of our parameters it names. */
function describeKometMessage(message: string, req: VendorRequest): string {
  const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? `a message about ${MESSAGE_KINDS[codeForKometMessage(message)]}`;
  const about = mentionedParameters(message, parameterNames(req));
  return about.length > 0 ? `${known} (about ${about.join(", ")})` : known;
}

/**
 * Komet says what went wrong only in the message of a status "0" answer, with no code. The failures that
 * matter to a caller are a bad token, the daily request limit (both named in docs/vendors/komet.md) and an
 * unknown customer; any other refusal, such as a bad parameter value, is the vendor refusing the request.
 */
export function codeForKometMessage(message: string): VendorErrorCode {
  if (/limit|too many requests/i.test(message)) return ErrorCode.UPSTREAM_RATE_LIMITED;
  if (/token|authenticat|unauthori[sz]ed|not authori[sz]ed|access denied|permission/i.test(message)) {
    return ErrorCode.UPSTREAM_AUTH;
  }
  if (/not found|does not exist/i.test(message)) return ErrorCode.NOT_FOUND;
  return ErrorCode.UPSTREAM_REJECTED;
}
