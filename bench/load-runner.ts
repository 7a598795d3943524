import autocannon from "autocannon";

/**
 * The load generator, in a process of its own (forked by bench/run.ts) so that it never shares an event loop
 * with a server under test. It takes one job at a time over IPC, runs it with autocannon, and answers with the
 * counts and every response time, so that the parent can merge rounds exactly.
 */
export interface LoadJob {
  url: string;
  /** Request bodies, sent in turn across all connections (each request takes the next one). */
  bodies: string[];
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  durationSec: number;
  amount?: number;
  /** With `amount`: stop anyway after this many seconds, so that a slow machine cannot stretch the run. */
  maxDurationSec?: number;
  /** Fixed overall rate (requests per second), for the latency-at-half-saturation target. */
  overallRate?: number;
}

export interface LoadOutcome {
  requests: number;
  /** Requests sent, answered or not: at the end of a timed run some are cut off while the server still serves them. */
  sent: number;
  elapsedMs: number;
  /** Milliseconds, one per answered request. */
  latencies: number[];
  non2xx: number;
  /** Answers that carried a GraphQL `errors` entry. */
  graphqlErrors: number;
  transportErrors: number;
  timeouts: number;
}

export async function runLoad(job: LoadJob): Promise<LoadOutcome> {
  let next = 0;
  // From the first request sent to the last answer: autocannon's own duration is whole ticks in `amount` runs.
  let firstSent = 0;
  let lastAnswer = 0;
  let graphqlErrors = 0;
  let non2xx = 0;
  const latencies: number[] = [];
  let finish!: (result: autocannon.Result) => void;
  let fail!: (err: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon({
    url: `${job.url}/graphql`,
    connections: job.connections,
    pipelining: 1,
    timeout: 30,
    ...(job.amount ? { amount: job.amount } : { duration: job.durationSec }),
    ...(job.overallRate ? { overallRate: job.overallRate } : {}),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          if (next === 0) firstSent = performance.now();
          return { ...request, body: job.bodies[next++ % job.bodies.length] };
        },
        onResponse: (status, body) => {
          if (status < 200 || status > 299) non2xx++;
          else if (body.includes('"errors":')) graphqlErrors++;
        },
      },
    ],
  }, (err, result) => (err ? fail(err) : finish(result)));
  const cap = job.amount && job.maxDurationSec ? setTimeout(() => instance.stop(), job.maxDurationSec * 1000) : undefined;
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    lastAnswer = performance.now();
  });
  const result = await done;
  clearTimeout(cap);
  return {
    requests: latencies.length,
    sent: next,
    elapsedMs: lastAnswer > firstSent ? lastAnswer - firstSent : result.duration * 1000,
    latencies,
    non2xx,
    graphqlErrors,
    transportErrors: result.errors,
    timeouts: result.timeouts,
  };
}

process.on("message", (job: LoadJob | { type: "stop" }) => {
  if ("type" in job) process.exit(0);
  runLoad(job).then(
    (outcome) => process.send?.({ type: "done", outcome }),
    (err: unknown) => process.send?.({ type: "failed", message: String(err) }),
  );
});
process.on("disconnect", () => process.exit(0));
