import type { IncomingHttpHeaders } from "node:http";

/** The simulators' own names for the vendors: the path prefixes and the keys of /__sim/stats and /__sim/faults. */
export const SIM_VENDORS = ["rpm", "wms", "komet", "connect"] as const;
export type SimVendor = (typeof SIM_VENDORS)[number];

export interface SimRequest {
  method: string;
  /** The path below the vendor's prefix, e.g. "/Customer/ACME-CORP" for "/wms/Customer/ACME-CORP". */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw request body (empty string when none). */
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string, which is sent as is. Absent: no body. */
  body?: unknown;
}

/**
 * One vendor's simulator: a pure request handler over in-memory state seeded deterministically. The shared
 * server (server.ts) adds routing by prefix, counting, latency and faults around it.
 */
export interface VendorSimulator {
  readonly vendor: SimVendor;
  /**
   * The vendor's own name for the call this request makes, as /__sim/stats counts it (RPM "Customers",
   * WMS "GET /Customer/{id}", ...), or null for a path the vendor does not have.
   */
  operation(req: SimRequest): string | null;
  /** Whether the request changes state (a `resetAfterWrite` fault applies the write, then drops the line). */
  isWrite(req: SimRequest): boolean;
  handle(req: SimRequest): SimResponse;
}

export interface SimulatorOptions {
  /** How many customers to seed. */
  customers: number;
  /** The seed: same seed and size, same records. */
  seed: number;
}

export type SimulatorFactory = (options: SimulatorOptions) => VendorSimulator;
