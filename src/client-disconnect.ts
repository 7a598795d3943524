import type { IncomingMessage } from "node:http";

/**
 * Whether the client went away before its request arrived whole (closed the tab, a proxy gave up, a load
 * balancer's health check): its own choice, not a fault of the service, so it is logged at info without a stack.
 */
export function clientDisconnected(req: IncomingMessage): boolean {
  return !req.complete && (req.destroyed || req.socket.destroyed);
}
