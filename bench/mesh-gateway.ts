import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SIMULATOR_CREDENTIALS } from "../src/config.js";
import { stopChild, type ServerProcess } from "./processes.js";

/**
 * The GraphQL Mesh / Hive Gateway comparison: bench/mesh/compose.config.mjs composed over the simulators, then
 * served by Hive Gateway in a process of its own (one process: --fork 0, so its RSS is the gateway's). Its packages
 * are a separate install (`npm ci --prefix bench/mesh`, about 500 MB), so the bench runs it only when installed.
 */
const MESH_DIR = fileURLToPath(new URL("./mesh/", import.meta.url));
const bin = (pkg: string, file: string) => join(MESH_DIR, "node_modules", pkg, file);
const COMPOSE_BIN = bin("@graphql-mesh/compose-cli", "esm/bin.js");
const GATEWAY_BIN = bin("@graphql-hive/gateway", "dist/bin.js");

export function meshInstalled(): boolean {
  return existsSync(COMPOSE_BIN) && existsSync(GATEWAY_BIN);
}

/** `npm ci` in bench/mesh (its own lock file), so a clean clone's `npm run bench` has the comparison too. */
export async function installMesh(): Promise<boolean> {
  try {
    await run("npm", ["ci", "--no-audit", "--no-fund"], {});
  } catch {
    return false;
  }
  return meshInstalled();
}

export async function startMeshGateway(simulatorUrl: string): Promise<ServerProcess> {
  const work = mkdtempSync(join(tmpdir(), "customer-graph-mesh-"));
  const supergraph = join(work, "supergraph.graphql");
  // The gateway sends one fixed bearer token (a generic gateway has no OAuth flow of WMS's kind); it lasts 4 hours.
  const token = await wmsToken(simulatorUrl);
  await run(process.execPath, [COMPOSE_BIN, "-c", join(MESH_DIR, "compose.config.mjs"), "-o", supergraph], {
    SIM_URL: simulatorUrl,
    WMS_TOKEN: token,
  });
  if (!readFileSync(supergraph, "utf8").includes("RPM_CustomerSummary")) throw new Error("mesh-compose wrote no usable supergraph");
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [GATEWAY_BIN, "supergraph", supergraph, "--host", "127.0.0.1", "--port", String(port), "--fork", "0", "--disable-websockets"],
    { cwd: work, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child);
  return {
    variant: "mesh",
    pid: child.pid!,
    url,
    stop: async () => {
      await stopChild(child, () => child.kill("SIGTERM"));
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function wmsToken(simulatorUrl: string): Promise<string> {
  const { clientId, clientSecret } = SIMULATOR_CREDENTIALS.wms;
  const res = await fetch(`${simulatorUrl}/wms/Token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`WMS token for the mesh gateway: HTTP ${res.status}`);
  return body.access_token;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: MESH_DIR, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args[0]} failed (${code}): ${errors.slice(-2000)}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the mesh gateway exited (${child.exitCode}) while starting`);
    try {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the mesh gateway did not answer within 60 s");
}

