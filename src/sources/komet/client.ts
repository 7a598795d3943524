import type { ZodType, ZodTypeDef } from "zod";
import { ErrorCode, type VendorError, type VendorErrorCode } from "../../errors.js";
import { VendorClient, type VendorRequest, type VendorResponse } from "../vendor-client.js";
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
    super({ source: "KOMET", baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, secrets: [options.token] });
    this.token = options.token;
  }

  async listCustomers(params: CustomerListParams): Promise<KometCustomer[]> {
    const { includeInactive, ...rest } = params;
    const query = { ...rest, includeInactive: includeInactive === undefined ? undefined : String(includeInactive) };
    return (await this.get("customer.list", query, kometCustomerList)).customers;
  }

  async listContacts(customerId: string): Promise<KometContact[]> {
    return (await this.get("customer.contact.list", { customerId }, kometContactList)).contacts;
  }

  async listShipTos(customerId: string): Promise<KometShipTo[]> {
    return (await this.get("customer.shipto.list", { customerId }, kometShipToList)).shipTos;
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
      const message = envelope.data.message ?? "(no message)";
      return this.error(codeForKometMessage(message), `status 0: ${message}`, req, { status: res.status });
    }
    return this.error(ErrorCode.UPSTREAM_BAD_RESPONSE, `unknown Komet status ${JSON.stringify(status)}`, req, {
      status: res.status,
    });
  }

  private async get<T>(
    operation: string,
    params: Record<string, string | undefined>,
    schema: ZodType<T, ZodTypeDef, unknown>,
  ): Promise<T> {
    const req: VendorRequest = {
      method: "GET",
      path: `/${operation}`,
      // Komet reads the token from the query only; it is listed in `secrets`, so no error detail keeps it.
      query: { ...params, authenticationToken: this.token },
      operation,
      write: false,
      idempotent: true,
    };
    const res = await this.request(req);
    // The base's parse takes ZodType<T>, whose input type is T too; Komet's schemas read strings into numbers
    // and booleans, so their input differs. parse only calls safeParse, for which the input type is irrelevant.
    return this.parse(schema as ZodType<T>, res.body, req);
  }
}

/**
 * Komet says what went wrong only in the message of a status "0" answer, with no code. The failures that
 * matter to a caller are a bad token, the daily request limit (both named in the vendor-docs README) and an
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
