import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LoadJob, LoadOutcome } from "./load-runner.js";
import { serverEnv } from "./server-env.js";
import { GRAPH_VARIANTS, type Variant } from "./variants.js";

const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The Node flags of `npm start` (package.json: `node [flags] dist/src/main.js`; none today), so that the graph under
 * test runs with whatever V8 settings the service runs with.
 */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, "utf8")) as { scripts: Record<string, string> };
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/src\/main\.js\b/.exec(pkg.scripts.start ?? "");
  if (!match) throw new Error(`package.json's start script does not run dist/src/main.js: ${pkg.scripts.start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

let built = false;
/**
 * `npm run build` once per bench process, as `npm start` does, and the baselines compiled the same way
 * (tsconfig.bench.json, to dist-bench/), so that every variant runs as plain JavaScript with the same Node flags
 * and none pays for a TypeScript loader. Incremental: a few seconds when nothing changed.
 */
function buildOnce(): void {
  if (built) return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [`${PROJECT_ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.bench.json"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  cpSync(`${PROJECT_ROOT}bench/baseline/schema.graphql`, `${PROJECT_ROOT}dist-bench/bench/baseline/schema.graphql`);
  built = true;
}

/** A TypeScript module in its own Node process, with an IPC channel that can carry large arrays. */
function forkTs(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return fork(script(name), args, {
    env,
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function once<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${what}: process exited (${code}) before answering`));
    child.once("exit", onExit);
    child.once("message", (message: T) => {
      child.off("exit", onExit);
      resolve(message);
    });
  });
}

export interface ServerProcess {
  variant: Variant;
  pid: number;
  url: string;
  /** Empties the server's response cache (graph-cached only), so the next request meets a cold one. */
  clearCache?(): Promise<void>;
  stop(): Promise<void>;
}

/** `nodeFlags` replaces `npm start`'s Node flags for the graph (bench/memory-probe.ts compares settings). */
export async function startServerProcess(
  variant: Variant,
  simulatorUrl: string,
  nodeFlags?: string[],
  /** Environment of this variant alone (bench/server-env.ts), e.g. REDIS_URL for graph-redis. */
  own: Record<string, string> = {},
): Promise<ServerProcess> {
  // Production mode, as deployed: it also turns off graphql-js's development-only checks (its instanceOf guard
  // against two copies of graphql), which cost about 2% of a request in a CPU profile.
  const env = { ...process.env, NODE_ENV: "production" };
  // Every variant compiled, with `npm start`'s Node flags: the graph as `npm start` runs it, the baselines alike.
  const graph = GRAPH_VARIANTS.includes(variant);
  buildOnce();
  const benchOptions = variant === "graph-no-budget" ? { budgetAccounting: false } : {};
  const [file, args] = graph
    ? [script("graph-process.mjs"), [JSON.stringify(serverEnv(variant, simulatorUrl, process.env, own)), JSON.stringify(benchOptions)]]
    : [`${PROJECT_ROOT}dist-bench/bench/server-process.js`, [variant, simulatorUrl]];
  const child = fork(file, args, {
    env,
    execArgv: nodeFlags ?? startNodeFlags(),
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await once<{ type: string; url: string }>(child, `${variant} server`);
  const clearCache = async () => {
    const cleared = once<{ type: string }>(child, `${variant} server`);
    child.send({ type: "clear-cache" });
    await cleared;
  };
  return { variant, pid: child.pid!, url: ready.url, stop: () => stopChild(child), ...(variant === "graph-cached" ? { clearCache } : {}) };
}

export interface LoadRunner {
  run(job: LoadJob): Promise<LoadOutcome>;
  stop(): Promise<void>;
}

export function startLoadRunner(): LoadRunner {
  const child = forkTs("load-runner.ts", []);
  return {
    async run(job) {
      const answer = once<{ type: "done"; outcome: LoadOutcome } | { type: "failed"; message: string }>(child, "load runner");
      child.send(job);
      const message = await answer;
      if (message.type === "failed") throw new Error(`load runner: ${message.message}`);
      return message.outcome;
    },
    stop: () => stopChild(child),
  };
}

/** Asks a child to stop (by default over its IPC channel), and kills it if it has not gone within 5 s. */
export function stopChild(child: ChildProcess, ask = () => askOverIpc(child)): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    ask();
  });
}

function askOverIpc(child: ChildProcess): void {
  if (child.connected) child.send({ type: "stop" });
  child.disconnect?.();
}
