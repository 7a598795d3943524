import { readFileSync, writeFileSync } from "node:fs";

/**
 * Peak resident memory of another process (a server under test), from Linux's /proc. Writing 5 to
 * /proc/<pid>/clear_refs resets the peak (VmHWM) to the current RSS, so each measurement sees its own peak; where
 * that is not allowed, the peak is sampled every 50 ms instead.
 */
export class PeakRss {
  private sampled = 0;
  private timer?: NodeJS.Timeout;
  private resettable = true;

  constructor(private readonly pid: number) {}

  /** Starts a new measurement. */
  start(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, "5");
    } catch {
      this.resettable = false;
    }
    this.sampled = this.read("VmRSS");
    this.timer = setInterval(() => (this.sampled = Math.max(this.sampled, this.read("VmRSS"))), 50);
  }

  /** Ends the measurement: the peak RSS since start(), in MB. */
  stop(): number {
    clearInterval(this.timer);
    const peakKb = this.resettable ? Math.max(this.read("VmHWM"), this.sampled) : Math.max(this.sampled, this.read("VmRSS"));
    return peakKb / 1024;
  }

  /** The current RSS, in MB. */
  current(): number {
    return this.read("VmRSS") / 1024;
  }

  private read(field: "VmRSS" | "VmHWM"): number {
    try {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${this.pid}/status`, "utf8"));
      return match ? Number(match[1]) : 0;
    } catch {
      return 0;
    }
  }
}
