import type { RequestMeter } from "../../budget/request-meter.js";
import type { Resilience } from "../../config.js";
import { ErrorCode, VendorError, type VendorErrorCode } from "../../errors.js";
import { mentionedParameters, parameterNames } from "../error-detail.js";
import type { OutgoingHeaders } from "../vendor-transport.js";
import { VendorClient, type VendorRequest, type VendorResponse } from "../vendor-client.js";
import { readCustomersFast } from "./fast-customer-list.js";
import {
  RpmCustomerDetailSchema,
  RpmCustomersResultSchema,
  rpmAnswer,
  rpmErrorMessage,
  type RpmCustomerDetail,
  type RpmCustomerEditRequest,
  type RpmCustomerSummary,
} from "./wire.js";

export interface RpmClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
}

export type RpmOperation = "Customers" | "Customer" | "CustomerEdit";

/** Which customer a Customer call reads: by CustomerID, or by its (unique) name. */
export type RpmCustomerKey = { customerId: number } | { name: string };

const CustomersAnswer = rpmAnswer(RpmCustomersResultSchema);
const CustomerAnswer = rpmAnswer(RpmCustomerDetailSchema);

/** "No customers" is how RPM's Customers call says the list is empty (docs/vendors/rpm.md), not a failure. */
const NO_CUSTOMERS = "No customers";

/**
 * RPM's error strings, the codes they mean, and the documented words a log may repeat (a detail never quotes
 * RPM's own message, which could carry anything: see error-detail.ts). RPM answers every error with HTTP 200, so
 * this table, not the status, decides. A message not listed is UPSTREAM_REJECTED, which covers "Customer name
 * or ID must be specified" and "Call requires parameter: ..." (requests RPM refused as malformed).
 */
const ERROR_CODES: ReadonlyArray<readonly [RegExp, VendorErrorCode, string]> = [
  [/^Valid key required/i, ErrorCode.UPSTREAM_AUTH, "Valid key required"],
  [/^Key not found/i, ErrorCode.UPSTREAM_AUTH, "Key not found"],
  [/\blimit (reached|exceeded)\b/i, ErrorCode.UPSTREAM_RATE_LIMITED, "API daily limit reached"],
  [/^Customer not found/i, ErrorCode.NOT_FOUND, "Customer not found"],
  [/^A customer with that name already exists/i, ErrorCode.CONFLICT, "A customer with that name already exists"],
  [/^Customer name or ID must be specified/i, ErrorCode.UPSTREAM_REJECTED, "Customer name or ID must be specified"],
  [/^Call requires parameter/i, ErrorCode.UPSTREAM_REJECTED, "Call requires parameter"],
];

export function codeForRpmError(message: string): VendorErrorCode {
  return ERROR_CODES.find(([pattern]) => pattern.test(message))?.[1] ?? ErrorCode.UPSTREAM_REJECTED;
}

/** Which documented RPM error a message is, in the table's words, and which of our parameters it names. */
function describeRpmError(message: string, req: VendorRequest): string {
  const known = ERROR_CODES.find(([pattern]) => pattern.test(message))?.[2] ?? "an error message RPM does not document";
  const about = mentionedParameters(message, parameterNames(req));
  return about.length > 0 ? `${known} (about ${about.join(", ")})` : known;
}

/**
 * RPM's web service: every call is `POST {base}/<Call>` with a JSON body and the `RpmApiKey` header; every
 * answer, error or not, is HTTP 200 with `{"Result": ...}`.
 */
export class RpmClient extends VendorClient {
  private readonly apiKey: string;

  constructor(options: RpmClientOptions) {
    super({
      source: "RPM",
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      secrets: [options.apiKey],
      resilience: options.resilience,
    });
    this.apiKey = options.apiKey;
  }

  /** The whole customer list (RPM has no paging) and its Age, which changes whenever the list does. */
  async listCustomers(meter?: RequestMeter): Promise<{ age: number | null; customers: RpmCustomerSummary[] }> {
    const req = call("Customers", {}, READ, meter);
    const res = await this.request(req);
    if (rpmErrorMessage(res.body) === NO_CUSTOMERS) return { age: null, customers: [] };
    const { Result } = readCustomersFast(res.body) ?? this.parse(CustomersAnswer, res.body, req);
    return { age: Result.Age ?? null, customers: Result.Customers };
  }

  /**
   * One customer's full record, or null when RPM has no such customer. `includeLocations: false` asks RPM to
   * leave Locations out (since RPM31), which the answer then lacks.
   */
  async getCustomer(
    key: RpmCustomerKey,
    options: { includeLocations?: boolean } = {},
    meter?: RequestMeter,
  ): Promise<RpmCustomerDetail | null> {
    const req = call("Customer", {
      ...("customerId" in key ? { CustomerID: key.customerId } : { Customer: key.name }),
      ...(options.includeLocations === false ? { IncludeLocations: false } : {}),
    }, READ, meter);
    try {
      const res = await this.request(req);
      return this.parse(CustomerAnswer, res.body, req).Result;
    } catch (err) {
      if (err instanceof VendorError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
  }

  /** Applies a CustomerEdit and returns the record as it stands afterwards (RPM answers with it). */
  async editCustomer(edit: RpmCustomerEditRequest, meter?: RequestMeter): Promise<RpmCustomerDetail> {
    // Not safe to send twice: RPM takes no idempotency key, so a second copy is a second edit. It bumps Age and
    // Modified again and can undo a change another user made in between; and a rename replayed after its answer
    // was lost may meet "A customer with that name already exists" with no way to tell whether it was its own.
    // So a dropped connection after sending is UPSTREAM_OUTCOME_UNKNOWN (write: true), never a blind retry.
    const req = call("CustomerEdit", edit, { write: true, idempotent: false }, meter);
    const res = await this.request(req);
    return this.parse(CustomerAnswer, res.body, req).Result;
  }

  protected override authorize(headers: OutgoingHeaders): void {
    headers.set("RpmApiKey", this.apiKey);
  }

  protected override errorFromResponse(res: VendorResponse, req: VendorRequest): VendorError | null {
    if (res.status >= 400) return super.errorFromResponse(res, req);
    const message = rpmErrorMessage(res.body);
    if (message === null) return null;
    if (req.operation === "Customers" && message === NO_CUSTOMERS) return null;
    return this.error(codeForRpmError(message), `RPM ${req.operation}: ${describeRpmError(message, req)}`, req, {
      status: res.status,
    });
  }
}

const READ = { write: false, idempotent: true } as const;

function call(
  operation: RpmOperation,
  json: unknown,
  kind: { write: boolean; idempotent: boolean },
  meter: RequestMeter | undefined,
): VendorRequest {
  return { method: "POST", path: `/${operation}`, json, operation, ...kind, meter };
}
