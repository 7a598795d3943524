import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** `npm run simulators`, as a user runs it: a process that prints each vendor's base URL and answers curl. */
describe("standalone simulators (npm run simulators)", () => {
  let child: ChildProcess;
  let urls: Record<string, string>;
  beforeAll(async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/simulators/main.ts"], {
      env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_CUSTOMERS: "30" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    for (let i = 0; i < 150 && !out.includes("control"); i++) await new Promise((r) => setTimeout(r, 100));
    urls = Object.fromEntries([...out.matchAll(/^\s+(rpm|wms|komet|connect)\s+(\S+)$/gm)].map((m) => [m[1], m[2]]));
  });
  afterAll(async () => {
    child.kill("SIGTERM");
    if (child.exitCode === null) await once(child, "exit");
  });

  it("prints every vendor's base URL", () => {
    expect(Object.keys(urls).sort()).toEqual(["connect", "komet", "rpm", "wms"]);
  });

  it("answers a documented call of each vendor as the docs show", async () => {
    const rpm = await (await fetch(`${urls.rpm}/Customers`, { method: "POST", headers: { RpmApiKey: "sim-rpm-key" }, body: "{}" })).json();
    expect(rpm.Result.Customers[0]).toEqual(expect.objectContaining({ CustomerID: expect.any(Number), Customer: expect.any(String) }));
    const komet = await (await fetch(`${urls.komet}/customer.list?authenticationToken=sim-komet-token&code=T3526`)).json();
    expect(komet).toMatchObject({ status: "1", customers: [{ id: "25475", name: "2-14 BRIDAL CAKES", salesPersonId: 1819, active: "1" }] });
    const connect = await (await fetch(`${urls.connect}/customers?limit=1`, { headers: { "X-API-Key": "sim-connect-key" } })).json();
    expect(connect.items[0]).toMatchObject({ humanReadableId: "29A-BY3Z-X78", referenceId: "crm-customer-12345" });
    const token = await (
      await fetch(`${urls.wms}/Token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "sim-wms-client", client_secret: "sim-wms-secret" }),
      })
    ).json();
    expect(token).toMatchObject({ token_type: "bearer", expires_in: 14399 });
    const wms = await (await fetch(`${urls.wms}/Customer/ACME-CORP`, { headers: { authorization: `Bearer ${token.access_token}` } })).json();
    expect(wms).toMatchObject({ shortID: "ACME-CORP", name: "Acme Corporation", created: "2023-04-15T08:30:00" });
  });
});
