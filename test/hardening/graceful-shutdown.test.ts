import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The deadline the issue sets between SIGTERM and the process being gone. */
const EXIT_WITHIN_MS = 10_000;
/** Each vendor call of the request in flight takes this long, so SIGTERM surely lands while it runs. */
const VENDOR_LATENCY_MS = 1_000;

/** `npm start` as a real child process (the compiled service, as it runs it): embedded simulators, both on ports the system picks. */
function startService(): { child: ChildProcess; output: () => string; ready: Promise<{ graph: string; sims: string }> } {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development" };
  Object.assign(env, { PORT: "0", SIMULATOR_PORT: "0", LOG_LEVEL: "info" });
  // node itself, not npx: a wrapper process would take the signal instead of the service.
  const child = spawn(process.execPath, ["dist/src/main.js"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const ready = new Promise<{ graph: string; sims: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service not ready within 30 s:\n${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const graph = /GraphQL at (http:\/\/\S+)\/graphql/.exec(text)?.[1];
      const sims = /simulators embedded at (http:\/\/\S+)/.exec(text)?.[1];
      if (graph && sims) {
        clearTimeout(timer);
        resolve({ graph, sims });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`service exited early with ${code}:\n${text}`)));
  });
  return { child, output: () => text, ready };
}

/** A request on a new connection (no keep-alive pool): "refused" when the port is closed or the server says 503. */
function freshRequest(url: string): Promise<"refused" | number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 503 ? "refused" : (res.statusCode ?? 0));
    });
    req.on("error", () => resolve("refused"));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

describe("graceful shutdown on SIGTERM", () => {
  let service: ReturnType<typeof startService> | undefined;
  // `npm start` builds first; so does this test, so that what it stops is what `npm start` runs.
  beforeAll(() => {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: PROJECT_ROOT, stdio: "pipe" });
  }, 180_000);
  afterAll(() => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) service.child.kill("SIGKILL");
  });

  it("finishes the request in flight, refuses new ones, and exits 0 within 10 s", async () => {
    service = startService();
    const { child } = service;
    const { graph, sims } = await service.ready;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    await fetch(`${sims}/__sim/faults`, { method: "POST", body: JSON.stringify({ wms: { latencyMs: VENDOR_LATENCY_MS } }) });
    let inFlightDone = false;
    const inFlight = fetch(`${graph}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ customers(first: 2, filter: { sources: [WMS] }) { nodes { name } } }" }),
    }).then(async (res) => {
      inFlightDone = true;
      return { status: res.status, body: (await res.json()) as { data?: { customers: { nodes: unknown[] } }; errors?: unknown } };
    });

    // SIGTERM only once the request has reached the vendor (the simulator counts a call before its latency).
    for (let i = 0; i < 100; i++) {
      const stats = (await (await fetch(`${sims}/__sim/stats`)).json()) as { wms?: Record<string, number> };
      if (Object.keys(stats.wms ?? {}).length > 0) break;
      await sleep(20);
    }
    expect(inFlightDone).toBe(false);
    child.kill("SIGTERM");
    let deadlineTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"still running">((resolve) => {
      deadlineTimer = setTimeout(() => resolve("still running"), EXIT_WITHIN_MS);
    });

    // A new request is refused while the one in flight is still running.
    let refusedWhileDraining = false;
    for (let i = 0; i < 40 && !inFlightDone; i++) {
      if ((await freshRequest(`${graph}/healthz`)) === "refused" && !inFlightDone) {
        refusedWhileDraining = true;
        break;
      }
      await sleep(25);
    }
    expect(refusedWhileDraining).toBe(true);

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.customers.nodes).toHaveLength(2);

    const code = await Promise.race([exited, deadline]);
    clearTimeout(deadlineTimer);
    expect(code, service.output()).toBe(0);
    expect(service.output()).toContain("shut down");
  }, 60_000);
});
