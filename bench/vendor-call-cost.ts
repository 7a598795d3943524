import { spawn } from "node:child_process";
import { once } from "node:events";
import { Pool } from "undici";
import { SIMULATOR_CREDENTIALS } from "../src/config.js";
import { KometClient } from "../src/sources/komet/client.js";
import { kometCustomerList } from "../src/sources/komet/wire.js";
import { RpmClient } from "../src/sources/rpm/client.js";
import { RpmCustomerDetailSchema, rpmAnswer } from "../src/sources/rpm/wire.js";

/**
 * `npx tsx bench/vendor-call-cost.ts`: CPU milliseconds this process spends per vendor call and per parse of a
 * vendor answer, the two items below GraphQL that the server's profiles showed. It prints figures and asserts
 * nothing; compare runs on the same machine, since a shared machine moves every figure.
 *
 * The simulators run in a child process, so the CPU counted here (process.cpuUsage) is the client's alone.
 * "fetch" (the transport before) and "undici request" (the one in src/sources/vendor-transport.ts) are the bare
 * transports on one small RPM call; "RpmClient.getCustomer" and "KometClient.listCustomers" are the whole vendor
 * client (policies, transport, JSON, validation).
 */

const CALLS = Number(process.env.CALLS ?? 2000);
const IN_FLIGHT = 8; // VENDOR_CONCURRENCY's default: detail calls of one batch go out eight at a time
const PARSES = Number(process.env.PARSES ?? 300);

async function startSimulators(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/simulators/main.ts"], {
    env: { ...process.env, SIMULATOR_PORT: String(4600 + (process.pid % 300)), SIMULATOR_CUSTOMERS: "rpm=120,komet=200", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  // Read to the end, not only to the first line: a closed pipe would kill the child at its next line (EPIPE).
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const [url] = await Promise.race([
    (async () => {
      while (!/Vendor simulators on (\S+)/.test(out)) await once(child.stdout!, "data");
      return [/Vendor simulators on (\S+)/.exec(out)![1]];
    })(),
    once(child, "exit").then(() => Promise.reject(new Error("simulators did not start"))),
  ]);
  return { url, stop: () => child.kill() };
}

/** CPU ms per operation, `total` operations with `inFlight` at a time, after a warm-up of a tenth. */
async function cpuPerOp(total: number, inFlight: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < n) await op(next++);
    }));
  };
  await run(Math.ceil(total / 10));
  const before = process.cpuUsage();
  await run(total);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / total;
}

function cpuPerParse(total: number, parse: () => unknown): number {
  for (let i = 0; i < total / 10; i++) parse();
  const before = process.cpuUsage();
  for (let i = 0; i < total; i++) parse();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / total;
}

const row = (what: string, ms: number) => console.log(`${what.padEnd(52)} ${ms.toFixed(3).padStart(8)} ms CPU`);

const sims = await startSimulators();
try {
  const rpmUrl = `${sims.url}/rpm`;
  const rpmKey = SIMULATOR_CREDENTIALS.rpm.apiKey;
  const customerBody = (i: number) => JSON.stringify({ CustomerID: 1001 + (i % 100) });

  console.log(`${CALLS} calls, ${IN_FLIGHT} in flight; ${PARSES} parses`);
  row("fetch, RPM Customer (transport alone)", await cpuPerOp(CALLS, IN_FLIGHT, async (i) => {
    const res = await fetch(`${rpmUrl}/Customer`, {
      method: "POST",
      headers: { RpmApiKey: rpmKey, "content-type": "application/json", accept: "application/json" },
      body: customerBody(i),
      signal: AbortSignal.timeout(10_000),
    });
    return res.text();
  }));

  const pool = new Pool(new URL(rpmUrl).origin, { connections: 32 });
  row("undici request on a Pool, RPM Customer (alone)", await cpuPerOp(CALLS, IN_FLIGHT, async (i) => {
    const res = await pool.request({
      path: "/rpm/Customer",
      method: "POST",
      headers: { RpmApiKey: rpmKey, "content-type": "application/json", accept: "application/json" },
      body: customerBody(i),
    });
    return res.body.text();
  }));
  await pool.close();

  const rpm = new RpmClient({ baseUrl: rpmUrl, apiKey: rpmKey, timeoutMs: 10_000 });
  row("RpmClient.getCustomer (whole vendor client)", await cpuPerOp(CALLS, IN_FLIGHT, (i) => rpm.getCustomer({ customerId: 1001 + (i % 100) })));

  const komet = new KometClient({ baseUrl: `${sims.url}/komet`, token: SIMULATOR_CREDENTIALS.komet.token, timeoutMs: 10_000 });
  row("KometClient.listCustomers, 200 records (whole client)", await cpuPerOp(PARSES, 1, () => komet.listCustomers({ includeInactive: true })));

  const kometBody = JSON.parse(
    await (await fetch(`${sims.url}/komet/customer.list?includeInactive=true&authenticationToken=${SIMULATOR_CREDENTIALS.komet.token}`)).text(),
  );
  row(`parse Komet customer.list (${kometBody.customers.length} records)`, cpuPerParse(PARSES, () => kometCustomerList.parse(kometBody)));

  const rpmBody = JSON.parse(
    await (await fetch(`${rpmUrl}/Customer`, { method: "POST", headers: { RpmApiKey: rpmKey }, body: customerBody(0) })).text(),
  );
  const rpmDetail = rpmAnswer(RpmCustomerDetailSchema);
  row("parse RPM Customer (one detail record)", cpuPerParse(PARSES * 20, () => rpmDetail.parse(rpmBody)));
} finally {
  sims.stop();
}
