import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface CountingProxy {
  /** The proxy's URL in place of the target's origin, e.g. http://127.0.0.1:5123/connect for /connect. */
  url(path: string): string;
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight(): number;
  maxInFlight(): number;
  /**
   * Client connections that carried a request and are still open: a caller that gave up on a request must have
   * closed its socket. (Connections that never carried one are left out: after an abort undici opens a spare
   * connection, idle until its keep-alive ends.)
   */
  openSockets(): number;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the simulators that counts what a client really does on the wire:
 * requests in flight (for bulkhead tests, without timing) and open connections (for abort-on-timeout tests).
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const origin = new URL(target);
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (!sockets.has(req.socket)) {
      sockets.add(req.socket);
      req.socket.once("close", () => sockets.delete(req.socket));
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on("close", finish);
    const upstream = request(
      { host: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: req.headers },
      (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    // The client gave up (the response closed before it was sent whole): stop waiting on the upstream too, as a
    // real gateway would. On the response, not the kept-alive socket, where a listener per request piles up.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Waits until `condition` holds, checking every 10 ms, for at most `ms`; returns whether it came to hold. */
export async function eventually(condition: () => boolean, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}
