import { readFileSync } from "node:fs";

const TICK_MS = 10; // Linux's USER_HZ is 100

/**
 * CPU time (user + system) another process has used so far, in ms, from /proc/<pid>/stat; NaN where it cannot
 * be read. Per request, it is the figure other work on a shared machine moves least: req/s falls when another
 * process takes the cores, CPU per request much less.
 */
export function cpuTimeMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}
