import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { CallStats } from "./call-stats.js";
import { FaultPlan, type Fault } from "./faults.js";
import { SIMULATOR_FACTORIES, DEFAULT_SIZES } from "./registry.js";
import { SIM_VENDORS, type SimRequest, type SimResponse, type SimVendor, type VendorSimulator } from "./vendor-simulator.js";

export interface SimulatorServerOptions {
  port?: number;
  host?: string;
  /** Customers per vendor; a vendor not named gets its default size. */
  sizes?: Partial<Record<SimVendor, number>>;
  seed?: number;
}

export interface RunningSimulators {
  /** e.g. http://127.0.0.1:4100 */
  url: string;
  /** Each vendor's base URL: the server URL plus the vendor's prefix. */
  baseUrls: Record<SimVendor, string>;
  stats: CallStats;
  faults: FaultPlan;
  /** Fresh seeded state and counters at zero (faults are kept; clear them with faults.set({})). */
  reset(): void;
  /** Direct access to a vendor's simulator, for tests that compare against the vendor's own listing. */
  simulator(vendor: SimVendor): VendorSimulator;
  close(): Promise<void>;
}

/**
 * All four vendor simulators on one loopback port, each under its own prefix (/rpm, /wms, /komet, /connect),
 * plus the control endpoints under /__sim that tests and benchmarks use. Faults and latency apply only to
 * the vendor paths, never to /__sim.
 */
export async function startSimulators(options: SimulatorServerOptions = {}): Promise<RunningSimulators> {
  const seed = options.seed ?? 42;
  const sizes = { ...DEFAULT_SIZES, ...options.sizes };
  const build = () =>
    Object.fromEntries(SIM_VENDORS.map((v) => [v, SIMULATOR_FACTORIES[v]({ customers: sizes[v], seed })])) as Record<
      SimVendor,
      VendorSimulator
    >;
  let simulators = build();
  const stats = new CallStats();
  const faults = new FaultPlan();

  const server = createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { error: "simulator failure" } });
      else res.destroy();
    });
  });
  // Idle keep-alive sockets would otherwise hold close() open.
  server.keepAliveTimeout = 5_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sim");
    const body = await readBody(req);
    if (url.pathname.startsWith("/__sim/")) return control(req.method ?? "GET", url.pathname, body, res);

    const [, prefix, ...rest] = url.pathname.split("/");
    const vendor = SIM_VENDORS.find((v) => v === prefix);
    if (!vendor) return send(res, { status: 404, body: { error: "no such vendor prefix" } });
    const simReq: SimRequest = {
      method: req.method ?? "GET",
      path: "/" + rest.join("/"),
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const operation = simulators[vendor].operation(simReq);
    if (operation) stats.count(vendor, operation);

    const latency = faults.latencyMs(vendor);
    if (latency > 0) await sleep(latency);
    const simulator = simulators[vendor];
    const fault = faults.pick(vendor, simulator.isWrite(simReq));
    if (fault) return inject(fault, simulator, simReq, res);
    if (!operation) return send(res, { status: 404, body: { error: "not_found", message: "No such call" } });
    send(res, simulator.handle(simReq));
  }

  function control(method: string, path: string, body: string, res: ServerResponse): void {
    if (method === "GET" && path === "/__sim/stats") return send(res, { status: 200, body: stats.snapshot() });
    if (method === "POST" && path === "/__sim/reset") {
      simulators = build();
      stats.reset();
      return send(res, { status: 200, body: { ok: true } });
    }
    if (method === "POST" && path === "/__sim/faults") {
      try {
        faults.set(body.trim() === "" ? {} : JSON.parse(body));
        return send(res, { status: 200, body: { ok: true } });
      } catch (err) {
        return send(res, { status: 400, body: { error: (err as Error).message } });
      }
    }
    send(res, { status: 404, body: { error: "no such control endpoint" } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    baseUrls: Object.fromEntries(SIM_VENDORS.map((v) => [v, `${url}/${v}`])) as Record<SimVendor, string>,
    stats,
    faults,
    reset() {
      simulators = build();
      stats.reset();
    },
    simulator: (vendor) => simulators[vendor],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests (the "hang" fault) and idle keep-alive sockets must not keep the process alive.
        server.closeAllConnections();
      }),
  };
}

function inject(fault: Fault, simulator: VendorSimulator, req: SimRequest, res: ServerResponse): void {
  switch (fault.kind) {
    case "500":
      return send(res, { status: 500, body: { error: "internal_error", message: "Simulated server error" } });
    case "429":
      return send(res, {
        status: 429,
        headers: { "retry-after": String(fault.retryAfterSec ?? 1) },
        body: { error: "rate_limited", message: "Too many requests" },
      });
    case "reset":
      res.socket?.destroy();
      return;
    case "hang":
      return; // never answered; close() ends the socket
    case "malformed":
      return send(res, { status: 200, body: '{"value": [{"oops": tru' });
    case "truncated": {
      const full = JSON.stringify(simulator.handle(req).body ?? {});
      return send(res, { status: 200, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))) });
    }
    case "html":
      return send(res, {
        status: 502,
        headers: { "content-type": "text/html" },
        body: "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
      });
    case "resetAfterWrite":
      simulator.handle(req);
      res.socket?.destroy();
      return;
    default: {
      const never: never = fault.kind;
      throw new Error(`unhandled fault ${String(never)}`);
    }
  }
}

function send(res: ServerResponse, response: SimResponse): void {
  const isText = typeof response.body === "string";
  const payload = response.body === undefined ? "" : isText ? (response.body as string) : JSON.stringify(response.body);
  const headers: Record<string, string> = { ...response.headers };
  if (payload.length > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
