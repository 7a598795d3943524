import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SIMULATOR_CREDENTIALS, type VendorEndpoints } from "../../src/config.js";
import type { RunningSimulators } from "../../src/simulators/server.js";
import { SIM_VENDORS, type SimVendor } from "../../src/simulators/vendor-simulator.js";

/**
 * Credentials no real system uses: wherever one of these turns up in a response, log line or metric, it leaked.
 * The WMS access token is issued by the front (see `translate`), so the bearer token is a canary too.
 */
export const CANARY = {
  rpmKey: "CANARY-rpm-key-5b1e9c",
  wmsClientId: "CANARY-wms-client-2d7f44",
  wmsSecret: "CANARY-wms-secret-81aa0e",
  wmsAccessToken: "CANARY-wms-access-c3f902",
  kometToken: "CANARY-komet-token-6e4d18",
  connectKey: "CANARY-connect-key-97b2f5",
} as const;

/** Text every leaky answer carries, so a test can tell the vendor's body from anything else. */
export const VENDOR_BODY_MARKER = "VENDOR-BODY-MARKER-0f9d";

/** A stack trace as a vendor's framework might print one into an error page. */
const VENDOR_STACK =
  "Error: upstream exploded\n    at Object.handler (/srv/vendor/api/customers.js:41:13)\n    at Layer.handle (/srv/vendor/node_modules/router/layer.js:95:5)";

/**
 * How the front answers a vendor's calls:
 * - translate: swaps the canaries for the simulator's real credentials and forwards (the graph works, with
 *   canary credentials on the wire and the simulators' faults on top);
 * - forward: forwards as is, so the simulator refuses the canaries (401, RPM "Key not found", Komet status 0);
 * - a leak kind: answers itself with a body that echoes every header, the URL and the request body (so every
 *   credential and the vendor host) plus a stack trace, in the shape named (WMS /Token is still translated, so
 *   that WMS's calls carry a canary bearer token for the echo to repeat).
 */
export type FrontMode = "translate" | "forward" | LeakKind;
export const LEAK_KINDS = ["json-500", "json-401", "html-502", "text-200", "wrong-shape-200", "vendor-error"] as const;
export type LeakKind = (typeof LEAK_KINDS)[number];

export interface SeenRequest {
  vendor: SimVendor;
  method: string;
  /** The path and query as received, still percent-encoded. */
  url: string;
  host: string | undefined;
}

export interface CanaryVendorFront {
  /** Every vendor at this front with canary credentials. */
  endpoints: VendorEndpoints;
  /** host:port of the front, which only a leak could show a client. */
  hostPort: string;
  setMode(mode: FrontMode): void;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** A loopback server between the graph and the simulators that stands in for vendors holding canary secrets. */
export async function startCanaryVendorFront(sims: RunningSimulators): Promise<CanaryVendorFront> {
  let mode: FrontMode = "translate";
  const seen: SeenRequest[] = [];
  const toReal: Array<[string, string]> = [
    [CANARY.rpmKey, SIMULATOR_CREDENTIALS.rpm.apiKey],
    [CANARY.wmsClientId, SIMULATOR_CREDENTIALS.wms.clientId],
    [CANARY.wmsSecret, SIMULATOR_CREDENTIALS.wms.clientSecret],
    [CANARY.kometToken, SIMULATOR_CREDENTIALS.komet.token],
    [CANARY.connectKey, SIMULATOR_CREDENTIALS.connect.apiKey],
  ];
  /** The simulator's real access token, learnt from the /Token answer the front rewrote. */
  let realAccessToken = "";

  const server = createServer((req, res) => {
    void answer(req, res).catch(() => res.destroy());
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? "/";
    const vendor = SIM_VENDORS.find((v) => url.startsWith(`/${v}/`));
    if (!vendor) return send(res, 404, "application/json", "{}");
    seen.push({ vendor, method: req.method ?? "GET", url, host: req.headers.host });
    const isToken = vendor === "wms" && url.startsWith("/wms/Token");
    if (mode === "translate" || (isToken && mode !== "forward")) return forward(req, res, url, body, true, isToken);
    if (mode === "forward") return forward(req, res, url, body, false, isToken);
    return leak(mode, vendor, req, res, body);
  }

  async function forward(req: IncomingMessage, res: ServerResponse, url: string, body: string, swap: boolean, isToken: boolean) {
    const real = (text: string) => {
      if (!swap) return text;
      let out = text;
      for (const [canary, value] of toReal) out = out.split(canary).join(value);
      return realAccessToken ? out.split(CANARY.wmsAccessToken).join(realAccessToken) : out;
    };
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (key === "host" || key === "content-length" || key === "connection" || value === undefined) continue;
      headers[key] = real(Array.isArray(value) ? value.join(", ") : value);
    }
    let upstream: Response;
    try {
      upstream = await fetch(sims.url + real(url), {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : real(body),
      });
    } catch {
      res.destroy(); // the simulator dropped the line (reset faults): so does the front
      return;
    }
    let text = await upstream.text();
    if (swap && isToken && upstream.status === 200) {
      try {
        const token = JSON.parse(text) as { access_token?: string };
        if (token.access_token) {
          realAccessToken = token.access_token;
          text = JSON.stringify({ ...token, access_token: CANARY.wmsAccessToken });
        }
      } catch {
        // a malformed or truncated token answer passes through as the simulator sent it
      }
    }
    const extra: Record<string, string> = {};
    const retryAfter = upstream.headers.get("retry-after");
    if (retryAfter) extra["retry-after"] = retryAfter;
    send(res, upstream.status, upstream.headers.get("content-type") ?? "", text, extra);
  }

  function leak(kind: LeakKind, vendor: SimVendor, req: IncomingMessage, res: ServerResponse, body: string): void {
    const echo = `${VENDOR_BODY_MARKER} ${req.method} ${req.url} headers=${JSON.stringify(req.headers)} body=${body} ${VENDOR_STACK}`;
    const json = (status: number, value: unknown) => send(res, status, "application/json", JSON.stringify(value));
    switch (kind) {
      case "json-500":
        return json(500, { error: "internal_error", message: echo, stack: VENDOR_STACK });
      case "json-401":
        return json(401, { error: "unauthorized", message: echo });
      case "html-502":
        return send(res, 502, "text/html", `<html><body><h1>Bad Gateway</h1><pre>${echo}</pre></body></html>`);
      case "text-200":
        return send(res, 200, "text/plain", echo);
      case "wrong-shape-200":
        // Every envelope key a vendor's reader looks at, holding the echo where a list, record or status should be.
        return json(200, { Result: { Customers: echo, Age: echo }, value: echo, status: echo, customers: echo, items: [{ id: echo }] });
      case "vendor-error":
        return vendorError(vendor, echo, json);
      default: {
        const never: never = kind;
        throw new Error(`unknown leak kind ${String(never)}`);
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    endpoints: {
      rpm: { url: `${base}/rpm`, apiKey: CANARY.rpmKey },
      wms: { url: `${base}/wms`, clientId: CANARY.wmsClientId, clientSecret: CANARY.wmsSecret },
      komet: { url: `${base}/komet`, token: CANARY.kometToken },
      connect: { url: `${base}/connect`, apiKey: CANARY.connectKey },
    },
    hostPort: `127.0.0.1:${port}`,
    setMode: (next) => {
      mode = next;
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Each vendor's own documented error shape, with the echo where the vendor puts its message. */
function vendorError(vendor: SimVendor, echo: string, json: (status: number, value: unknown) => void): void {
  switch (vendor) {
    case "rpm":
      return json(200, { Result: { Error: `Key not found. ${echo}` } });
    case "wms":
      return json(400, { statusCode: 400, error: `validation_error ${echo}`, message: echo, details: { email: [echo], [echo]: [echo] } });
    case "komet":
      return json(200, { status: "0", message: `Invalid authentication token ${echo}` });
    case "connect":
      return json(404, { error: { code: "not_found", message: echo } });
    default: {
      const never: never = vendor;
      throw new Error(`unknown vendor ${String(never)}`);
    }
  }
}

function send(res: ServerResponse, status: number, contentType: string, text: string, extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extra, "content-length": String(Buffer.byteLength(text)) };
  if (contentType) headers["content-type"] = contentType;
  res.writeHead(status, headers);
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
