import type { Logger } from "pino";

/** Most process managers (Kubernetes, systemd, Docker) send SIGKILL some 10 s after SIGTERM. */
export const SHUTDOWN_DEADLINE_MS = 9_500;

/**
 * Graceful shutdown on SIGTERM or SIGINT: `close` stops taking requests and lets the ones in flight finish
 * (the HTTP server's drain, see server.ts), then the process exits 0. Should anything hang, the deadline ends
 * the process with exit code 1 before the process manager's SIGKILL would, so it always exits in time and
 * says so. A second signal is not caught: it ends the process at once, as a user pressing Ctrl-C twice expects.
 */
export function exitGracefullyOnSignals(close: () => Promise<void>, logger: Logger, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "shutting down: refusing new requests, finishing those in flight");
    setTimeout(() => {
      logger.error({ deadlineMs }, "shutdown deadline passed; exiting with requests still open");
      process.exit(1);
    }, deadlineMs).unref();
    close().then(
      () => {
        logger.info("shut down");
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
