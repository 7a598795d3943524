import type { RequestMeter } from "../../budget/request-meter.js";
import type { Resilience } from "../../config.js";
import { ErrorCode, VendorError } from "../../errors.js";
import type { OutgoingHeaders } from "../vendor-transport.js";
import { VendorClient, pathSegment, type VendorRequest } from "../vendor-client.js";
import { readCustomerFast, readCustomerPageFast } from "./fast-customer-page.js";
import { ConnectCustomerPageSchema, ConnectCustomerSchema, type ConnectCustomer } from "./wire.js";

export interface ConnectClientOptions {
  /** Tenant-specific, e.g. https://apiv2.example.com (the docs show a placeholder host). */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Retries, circuit breaker and bulkhead (src/sources/resilience); defaults when absent. */
  resilience?: Partial<Resilience>;
}

export interface ConnectPageRequest {
  search?: string;
  limit: number;
  cursor: string | null;
}

export interface ConnectPage {
  items: ConnectCustomer[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/**
 * The Connect API's two customer reads. Plain REST: an error is its HTTP status (401 bad key, 400 bad limit or
 * cursor, 404 no such customer), so the base client's status mapping applies as is, and its detail keeps the
 * vendor's error body ({"error": {"code", "message"}} from the simulator; the docs show none).
 */
export class ConnectClient extends VendorClient {
  private readonly apiKey: string;

  constructor(options: ConnectClientOptions) {
    super({
      source: "CONNECT",
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      secrets: [options.apiKey],
      resilience: options.resilience,
    });
    this.apiKey = options.apiKey;
  }

  async listCustomers(page: ConnectPageRequest, meter?: RequestMeter): Promise<ConnectPage> {
    const req: VendorRequest = {
      method: "GET",
      path: "/customers",
      // An empty search would be "no search" at best and an error at worst; leave it out.
      query: { search: page.search || undefined, limit: page.limit, cursor: page.cursor ?? undefined },
      operation: "GET /customers",
      write: false,
      idempotent: true,
      meter,
    };
    const res = await this.request(req);
    // The plain form is read by hand; the schema reads (and judges) anything else.
    const body = readCustomerPageFast(res.body) ?? this.parse(ConnectCustomerPageSchema, res.body, req);
    return { items: body.items, nextCursor: body.pagination.nextCursor || null };
  }

  /** One customer by customerId; null when the vendor answers 404. */
  async getCustomer(customerId: string, meter?: RequestMeter): Promise<ConnectCustomer | null> {
    const req: VendorRequest = {
      method: "GET",
      path: `/customers/${pathSegment(customerId)}`,
      operation: "GET /customers/{id}",
      write: false,
      idempotent: true,
      meter,
    };
    try {
      const res = await this.request(req);
      return readCustomerFast(res.body) ?? this.parse(ConnectCustomerSchema, res.body, req);
    } catch (err) {
      if (err instanceof VendorError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
  }

  protected authorize(headers: OutgoingHeaders): void {
    headers.set("X-API-Key", this.apiKey);
  }
}
