import { spawn, type ChildProcess } from "node:child_process";

/** A process started by the stack (or a test), stopped by its own handle and nothing broader. */
export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for error messages. */
  output(): string;
  /** Sends the signal and waits until it has exited (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface StartOptions {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  /**
   * What the process prints once it is ready (the match is returned), or, for a process that prints nothing
   * (nginx), a probe polled until it answers true.
   */
  ready: RegExp | (() => Promise<boolean>);
  /** What to say when the command is not installed, e.g. "apt-get install nginx". */
  missing?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Starts a process and resolves once its output matches `ready`; rejects with its output if it exits first. */
export async function startProcess(options: StartOptions): Promise<{ process: RunningProcess; match: RegExpMatchArray }> {
  const child = spawn(options.command, options.args, { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exited = child.exitCode !== null;
  child.once("exit", () => (exited = true));
  const handle: RunningProcess = {
    child,
    output: () => output,
    async stop(signal = "SIGTERM", graceMs = 10_000) {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      void handle.stop("SIGKILL");
      reject(new Error(`${options.command} did not become ready in ${options.timeoutMs ?? 30_000} ms:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = options.ready instanceof RegExp ? output.match(options.ready) : null;
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    if (typeof options.ready === "function") {
      const probe = options.ready;
      const poll = async () => {
        if (exited) return;
        if (await probe()) {
          clearTimeout(timer);
          resolve(["ready"] as unknown as RegExpMatchArray);
        } else setTimeout(() => void poll(), 50);
      };
      void poll();
    }
    child.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = err.code === "ENOENT" && options.missing ? ` (${options.missing})` : "";
      reject(new Error(`${options.command} could not be started${hint}: ${err.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.command} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return { process: handle, match };
}

/** The environment a child gets: PATH and HOME only, plus what it is given (nothing leaks in from ours). */
export function childEnv(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}
