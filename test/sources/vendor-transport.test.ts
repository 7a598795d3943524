import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, VendorError } from "../../src/errors.js";
import { ConnectClient } from "../../src/sources/connect/client.js";
import { createConnectSource } from "../../src/sources/connect/source.js";
import type { Source } from "../../src/sources/source.js";
import { eventually } from "../support/counting-proxy.js";

/** A vendor that answers every call with an empty Connect page, and counts the connections it is sent. */
let server: Server;
let baseUrl: string;
let connections: number;
const sockets = new Set<Socket>();
/** Open connections that carried a request (after an abort undici may open a spare one, idle until it expires). */
const usedSockets = new Set<Socket>();
/** When set, the vendor sends its headers and the start of a body, then nothing more. */
let stallMidBody = false;

beforeEach(async () => {
  connections = 0;
  stallMidBody = false;
  server = createServer((req, res) => {
    // Once per connection: a kept-alive one carries many requests, and a listener per request would pile up.
    if (!usedSockets.has(req.socket)) {
      usedSockets.add(req.socket);
      req.socket.once("close", () => usedSockets.delete(req.socket));
    }
    if (stallMidBody) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"items": [');
      return;
    }
    // A little latency, so that calls sent together really are in flight together.
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"items": [], "pagination": {"nextCursor": null}}');
    }, 5);
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/connect`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (bulkhead = 32, timeoutMs = 2_000) =>
  new ConnectClient({ baseUrl, apiKey: "k", timeoutMs, resilience: { bulkhead, retries: 0 } });
const page = (c: ConnectClient) => c.listCustomers({ limit: 1, cursor: null });

describe("vendor transport", () => {
  it("sends calls one after another over the same keep-alive connections", async () => {
    const c = client();
    for (let i = 0; i < 20; i++) await page(c);
    // Not one: undici's pool sees the first connection busy for a moment after its answer has been read, so the
    // second call opens another; from then on the two are reused.
    expect(connections).toBeLessThanOrEqual(2);
    await c.close();
  });

  it("opens at most one connection per call in flight, up to the bulkhead, and reuses them", async () => {
    const c = client(4);
    await Promise.all(Array.from({ length: 12 }, () => page(c)));
    expect(connections).toBeLessThanOrEqual(4);
    const opened = connections;
    await Promise.all(Array.from({ length: 4 }, () => page(c)));
    expect(connections).toBe(opened);
    await c.close();
  });

  it("times out a body that stops halfway, and closes that connection", async () => {
    stallMidBody = true;
    const c = client(32, 200);
    const err = await page(c).catch((e: unknown) => e);
    expect((err as VendorError).code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    // The vendor never finishes the answer, so only the client can have closed the connection.
    expect(await eventually(() => usedSockets.size === 0)).toBe(true);
    await c.close();
  });

  it("closes its connections when closed, and refuses calls afterwards", async () => {
    const c = client();
    await page(c);
    expect(sockets.size).toBe(1);
    await c.close();
    expect(await eventually(() => sockets.size === 0)).toBe(true);
    const err = await page(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect((err as VendorError).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it("closes at shutdown a source's connections, and only its own", async () => {
    const outside = client();
    const sources = [1, 2].map(() => createConnectSource({ baseUrl, apiKey: "k", timeoutMs: 2_000, concurrency: 4 }));
    const list = (source: Source) => (source.paging.model === "NEXT_CURSOR" ? source.paging.listAfter({}, null, 1) : null);
    await Promise.all([page(outside), ...sources.map(list)]);
    expect(sockets.size).toBe(3);
    await Promise.all(sources.map((source) => source.close?.()));
    expect(await eventually(() => sockets.size === 1)).toBe(true);
    await expect(page(outside)).resolves.toEqual({ items: [], nextCursor: null });
    await outside.close();
  });
});
