import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { startApp, type RunningApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

const KEY = "slow-client-key-0123456789";
/** An app as `npm start` makes it from these variables: embedded simulators, a caller key, ports the system picks. */
async function start(env: Record<string, string>, lines: string[] = []): Promise<RunningApp> {
  const config = loadConfig({ PORT: "0", SIMULATOR_PORT: "0", SIMULATOR_CUSTOMERS: "5", CALLER_KEYS: `${KEY}=customers:read`, ...env });
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  return startApp(config, await buildGraphSchema(), logger);
}

/** A raw connection that records what the server sent and when it closed its side. */
interface RawClient {
  socket: Socket;
  received(): string;
  /** Milliseconds from connect until the server ended or closed the connection; resolves when it does. */
  closed: Promise<number>;
}

function open(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    let text = "";
    const closed = new Promise<number>((done) => {
      socket.on("end", () => done(Date.now() - started));
      socket.on("close", () => done(Date.now() - started));
    });
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.once("connect", () => resolve({ socket, received: () => text, closed }));
    socket.once("error", reject);
  });
}

/** Writes `chunk` every `everyMs` until the socket closes. */
function dribble(client: RawClient, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (client.socket.destroyed || !client.socket.writable) return clearInterval(timer);
    client.socket.write(chunk);
  }, everyMs);
  void client.closed.then(() => clearInterval(timer));
}

/** Resolves with how long the server took to close, or "open" if it had not after `ms`. */
const closedWithin = (client: RawClient, ms: number) => Promise.race([client.closed, sleep(ms, "open" as const)]);

describe("slow clients (HTTP_* timeouts short for the test)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ HTTP_HEADERS_TIMEOUT_MS: "500", HTTP_REQUEST_TIMEOUT_MS: "1000", HTTP_KEEP_ALIVE_TIMEOUT_MS: "300" });
  });
  afterAll(() => app.close());

  it("closes 20 connections that send header lines slowly, with or without a key", async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => open(app.graph.url)));
    clients.forEach((client, i) => {
      client.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\n${i % 2 ? `Authorization: Bearer ${KEY}\r\n` : ""}`);
      dribble(client, "X-Slow: 1\r\n", 100);
    });
    const times = await Promise.all(clients.map((c) => closedWithin(c, 5_000)));
    // 500 ms for the headers, checked every 125 ms: well within 5 s, where Node's defaults would wait 60 s.
    expect(times.every((t) => t !== "open")).toBe(true);
    expect(clients[0]!.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes connections that send a body slowly, with or without a key", async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => open(app.graph.url)));
    clients.forEach((client, i) => {
      const auth = i % 2 ? `Authorization: Bearer ${KEY}\r\n` : "";
      // Without a key the 401 comes at once; with one the server waits for a body that never completes.
      client.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{`);
      dribble(client, " ", 100);
    });
    const times = await Promise.all(clients.map((c) => closedWithin(c, 5_000)));
    expect(times.every((t) => t !== "open")).toBe(true);
  });

  it("closes an idle kept-alive connection", async () => {
    const client = await open(app.graph.url);
    client.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await closedWithin(client, 3_000)).not.toBe("open");
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
  });

  it("refuses a headers timeout above the request timeout as invalid configuration", () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "2000", HTTP_REQUEST_TIMEOUT_MS: "1000" })).toThrow(
      "HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS",
    );
  });
});

describe("refusals close the connection instead of reading the body (default timeouts)", () => {
  let app: RunningApp;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await start({ MAX_BODY_BYTES: "1000" }, lines);
  });
  afterAll(() => app.close());

  it.each([
    ["401 without a key", "", 401],
    ["413 for a declared Content-Length over MAX_BODY_BYTES", `Authorization: Bearer ${KEY}\r\n`, 413],
  ])("%s: answered, then closed while the client is still sending", async (_, auth, status) => {
    const client = await open(app.graph.url);
    client.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n`);
    dribble(client, "x".repeat(1_000), 20);
    // The default request timeout is 30 s: a close within 3 s is the refusal's doing.
    expect(await closedWithin(client, 3_000)).not.toBe("open");
    expect(client.received()).toMatch(new RegExp(`^HTTP/1\\.1 ${status} .*\\r\\nconnection: close\\r\\n`, "is"));
  });

  it("413 for a chunked body that grows over MAX_BODY_BYTES: answered and closed", async () => {
    const client = await open(app.graph.url);
    client.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    dribble(client, "3e8\r\n" + "x".repeat(1_000) + "\r\n", 20);
    expect(await closedWithin(client, 3_000)).not.toBe("open");
    expect(client.received()).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("logs a client that disconnects mid-request once, at info, without a stack", async () => {
    lines.length = 0;
    const client = await open(app.graph.url);
    client.socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"query":`);
    await sleep(100);
    client.socket.destroy();
    for (let waited = 0; waited < 2_000 && !lines.some((line) => line.includes("disconnect")); waited += 50) await sleep(50);
    await sleep(100); // a second line, were there one, would be written by now
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.filter((l) => l.level >= 40)).toEqual([]);
    expect(logged.filter((l) => /disconnect/.test(l.msg))).toEqual([expect.objectContaining({ level: 30, msg: "client disconnected before its request arrived whole" })]);
    expect(lines.join("")).not.toContain("stack");
  });
});

describe("HTTP_MAX_CONNECTIONS", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ HTTP_MAX_CONNECTIONS: "3" });
  });
  afterAll(() => app.close());

  it("closes connections beyond the bound at once, and serves again when one ends", async () => {
    const held = await Promise.all(Array.from({ length: 3 }, () => open(app.graph.url)));
    held.forEach((client) => client.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    await sleep(100);
    const extra = await open(app.graph.url);
    extra.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await closedWithin(extra, 2_000)).not.toBe("open");
    expect(extra.received()).toBe("");
    held[0]!.socket.destroy();
    await sleep(300);
    const again = await open(app.graph.url);
    again.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await closedWithin(again, 2_000);
    expect(again.received()).toMatch(/^HTTP\/1\.1 200/);
    held.forEach((client) => client.socket.destroy());
  });
});
