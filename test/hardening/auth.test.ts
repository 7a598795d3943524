import { spawn } from "node:child_process";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { startApp } from "../../src/app.js";
import { hashKey, keyId } from "../../src/auth/key-hash.js";
import { ConfigError, DEVELOPMENT_ID_SECRET, loadConfig } from "../../src/config.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

// Keys of the test graph: one per kind of caller the README describes.
const READ = "read-key-0123456789abcdef";
const WRITE = "write-key-0123456789abcdef";
const WRITE_ONLY = "write-only-key-0123456789";
const WMS_ONLY = "wms-key-0123456789abcdef";
const CALLER_KEYS = [
  `${READ}=customers:read`,
  `${WRITE}=customers:read,customers:write,name:back-office`,
  `${WRITE_ONLY}=customers:write`,
  `${WMS_ONLY}=customers:read,customers:write,source:WMS`,
].join(";");

const LIST = "{ customers(first: 500) { totalCount nodes { id source sourceId } } }";
const MUTATIONS = {
  editCustomer: 'mutation($id: ID!) { editCustomer(input: { id: $id, name: "Renamed" }) { customer { id } userErrors { code } } }',
  upsertCustomer: 'mutation { upsertCustomer(input: { shortId: "AUTH-1", name: "Auth One" }) { created customer { id } userErrors { code } } }',
  discontinueCustomer: "mutation($id: ID!) { discontinueCustomer(id: $id) { customer { id active } userErrors { code } } }",
} as const;

type Listed = { customers: { totalCount: number | null; nodes: Array<{ id: string; source: string; sourceId: string }> } };

describe("caller authentication over HTTP", () => {
  let t: TestGraph;
  /** One customer id per source, read with a full key before the tests. */
  let idOf: Record<"RPM" | "WMS", string>;
  /** Every line the server logged. */
  const logLines: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });
    t = await startTestGraph({ callerKeys: CALLER_KEYS, sizes: { rpm: 10, wms: 12, komet: 8, connect: 6 }, logger });
    const all = await t.query<Listed>(LIST, {}, { key: READ });
    const first = (source: string) => all.data!.customers.nodes.find((n) => n.source === source)!.id;
    idOf = { RPM: first("RPM"), WMS: first("WMS") };
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  async function post(headers: Record<string, string>, query = LIST) {
    const res = await fetch(`${t.graph.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, challenge: res.headers.get("www-authenticate"), body: (await res.json()) as Record<string, unknown> };
  }

  describe("refuses with 401 before GraphQL runs", () => {
    it.each([
      ["no Authorization header", {}, 'Bearer realm="customer-graph"'],
      ["a key nobody configured", { authorization: "Bearer not-a-configured-key-0000" }, 'Bearer realm="customer-graph", error="invalid_token"'],
      ["a configured key with one character changed", { authorization: `Bearer ${READ.slice(0, -1)}X` }, 'Bearer realm="customer-graph", error="invalid_token"'],
      ["another scheme", { authorization: `Basic ${Buffer.from(`x:${READ}`).toString("base64")}` }, 'Bearer realm="customer-graph", error="invalid_token"'],
      ["the key without a scheme", { authorization: READ }, 'Bearer realm="customer-graph", error="invalid_token"'],
      ["an empty bearer", { authorization: "Bearer " }, 'Bearer realm="customer-graph", error="invalid_token"'],
    ])("%s: 401, UNAUTHENTICATED, a Bearer challenge, no vendor call", async (_, headers, challenge) => {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(res.challenge).toBe(challenge);
      expect(res.body).toEqual({ errors: [{ message: expect.stringContaining("Authorization: Bearer <key>"), extensions: { code: "UNAUTHENTICATED" } }] });
      expect(t.stats()).toEqual({});
    });

    it("refuses a mutation without a key before it reaches the vendor", async () => {
      const res = await post({}, MUTATIONS.upsertCustomer);
      expect(res.status).toBe(401);
      expect(t.stats()).toEqual({});
    });

    it("refuses a GET query without a key too", async () => {
      const res = await fetch(`${t.graph.url}/graphql?query=${encodeURIComponent("{ sources { source } }")}`, {
        headers: { "apollo-require-preflight": "true" },
      });
      expect(res.status).toBe(401);
      expect(t.stats()).toEqual({});
    });

    it("accepts the scheme in any case, as RFC 6750 allows", async () => {
      const res = await post({ authorization: `bearer ${READ}` }, "{ sources { source } }");
      expect(res.status).toBe(200);
    });

    it("needs no key for /healthz or the GraphiQL page", async () => {
      expect((await fetch(`${t.graph.url}/healthz`)).status).toBe(200);
      const page = await fetch(`${t.graph.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Authorization");
    });
  });

  describe("scopes", () => {
    it("lets a read key query every source", async () => {
      const res = await t.query<Listed>(LIST, {}, { key: READ });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(new Set(res.data!.customers.nodes.map((n) => n.source))).toEqual(new Set(["RPM", "WMS", "KOMET", "CONNECT"]));
    });

    it.each(Object.entries(MUTATIONS))("answers %s with a read key FORBIDDEN and calls no vendor", async (_, mutation) => {
      const res = await t.query(mutation, { id: idOf.WMS }, { key: READ });
      expect(res.status).toBe(200);
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([
        expect.objectContaining({ message: "This API key lacks the customers:write scope", extensions: { code: "FORBIDDEN" } }),
      ]);
      expect(t.stats()).toEqual({});
    });

    it("lets a write key upsert, edit and discontinue at the vendor", async () => {
      const upsert = await t.query<{ upsertCustomer: { created: boolean; customer: { id: string } } }>(MUTATIONS.upsertCustomer, {}, { key: WRITE });
      expect(upsert.errors).toBeUndefined();
      expect(upsert.data!.upsertCustomer.created).toBe(true);
      const id = upsert.data!.upsertCustomer.customer.id;
      const edit = await t.query<{ editCustomer: { userErrors: unknown[] } }>(MUTATIONS.editCustomer, { id }, { key: WRITE });
      expect(edit.data!.editCustomer.userErrors).toEqual([]);
      const gone = await t.query<{ discontinueCustomer: { customer: { active: boolean } } }>(MUTATIONS.discontinueCustomer, { id }, { key: WRITE });
      expect(gone.data!.discontinueCustomer.customer.active).toBe(false);
      expect(t.calls("wms")).toBeGreaterThanOrEqual(3);
    });

    describe("a write-only key reads nothing through a mutation's payload", () => {
      // Everything a payload's customer could reveal: a write-only key must get none of it.
      const RECORD = "customer { id name email phone active contacts { nodes { name email } } }";
      const WRITE_ONLY_MUTATIONS = {
        upsertCustomer: `mutation { upsertCustomer(input: { shortId: "WO-1" }) { created userErrors { code } ${RECORD} } }`,
        editCustomer: `mutation($id: ID!) { editCustomer(input: { id: $id, phone: "555 0100" }) { userErrors { code } ${RECORD} } }`,
        discontinueCustomer: `mutation($id: ID!) { discontinueCustomer(id: $id) { userErrors { code } ${RECORD} } }`,
      } as const;
      let id: string;

      beforeAll(async () => {
        const made = await t.query<{ upsertCustomer: { customer: { id: string } } }>(
          'mutation { upsertCustomer(input: { shortId: "WO-1", name: "Write Only", email: "wo@example.com" }) { customer { id } } }',
          {},
          { key: WRITE },
        );
        id = made.data!.upsertCustomer.customer.id;
      });

      it.each(Object.entries(WRITE_ONLY_MUTATIONS))("%s: the write happens, customer is null with FORBIDDEN at its path", async (name, mutation) => {
        const res = await t.query<Record<string, { customer: unknown; userErrors: unknown[]; created?: boolean }>>(mutation, { id }, { key: WRITE_ONLY });
        expect(res.data![name]).toEqual({ customer: null, userErrors: [], ...(name === "upsertCustomer" ? { created: false } : {}) });
        expect(res.errors).toEqual([
          expect.objectContaining({ path: [name, "customer"], message: "This API key lacks the customers:read scope", extensions: { code: "FORBIDDEN" } }),
        ]);
        expect(JSON.stringify(res)).not.toContain("Write Only");
        expect(JSON.stringify(res)).not.toContain("wo@example.com");
        // The write itself happened, as a key that may read sees.
        const read = await t.query<{ customer: { phone: string | null; active: boolean } }>("query($id: ID!) { customer(id: $id) { phone active } }", { id }, { key: READ });
        if (name === "editCustomer") expect(read.data!.customer.phone).toBe("555 0100");
        if (name === "discontinueCustomer") expect(read.data!.customer.active).toBe(false);
      });
    });

    it("answers a query with a write-only key FORBIDDEN: write does not imply read", async () => {
      const res = await t.query(LIST, {}, { key: WRITE_ONLY });
      expect(res.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN" } })]);
      expect(res.errors![0]!.message).toContain("customers:read");
      expect(t.stats()).toEqual({});
    });
  });

  describe("logs", () => {
    it("name the caller by label and key id, and never hold a key, right or wrong", async () => {
      await t.query("{ sources { source } }", {}, { key: WRITE });
      await post({ authorization: "Bearer wrong-key-that-nobody-has-0000" });
      const lines = logLines.join("");
      expect(lines).toContain(`"caller":"back-office (${keyId(hashKey(WRITE))})"`);
      expect(lines).toContain('"refused":"invalid"');
      for (const key of [READ, WRITE, WRITE_ONLY, WMS_ONLY, "wrong-key-that-nobody-has-0000"]) expect(lines).not.toContain(key);
    });
  });

  describe("a key limited to WMS", () => {
    it("lists exactly the WMS customers a full key sees, and only WMS is called", async () => {
      const res = await t.query<Listed>(LIST, {}, { key: WMS_ONLY });
      expect(res.errors).toBeUndefined();
      expect(Object.keys(t.stats())).toEqual(["wms"]);
      const full = await t.query<Listed>(LIST.replace("first: 500", "first: 500, filter: { sources: [WMS] }"), {}, { key: READ });
      expect(res.data!.customers.nodes.length).toBeGreaterThanOrEqual(12);
      expect(res.data!.customers).toEqual(full.data!.customers);
    });

    it("sees only WMS in sources", async () => {
      const res = await t.query<{ sources: Array<{ source: string }> }>("{ sources { source } }", {}, { key: WMS_ONLY });
      expect(res.data!.sources).toEqual([{ source: "WMS" }]);
    });

    it("reads another source's node ids as null without calling it", async () => {
      const res = await t.query<{ nodes: Array<{ id: string } | null>; customer: { id: string } | null }>(
        "query($ids: [ID!]!, $rpm: ID!) { nodes(ids: $ids) { id } customer(id: $rpm) { id } }",
        { ids: [idOf.RPM, idOf.WMS], rpm: idOf.RPM },
        { key: WMS_ONLY },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ nodes: [null, { id: idOf.WMS }], customer: null });
      expect(t.calls("rpm")).toBe(0);
    });

    it("cannot ask for another source by filter", async () => {
      const res = await t.query(`{ customers(first: 5, filter: { sources: [RPM] }) { totalCount } }`, {}, { key: WMS_ONLY });
      expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
      expect(t.stats()).toEqual({});
    });

    it("cannot change another source's customer: NOT_FOUND, no vendor call", async () => {
      const res = await t.query<{ editCustomer: { customer: null; userErrors: Array<{ code: string }> } }>(
        MUTATIONS.editCustomer,
        { id: idOf.RPM },
        { key: WMS_ONLY },
      );
      expect(res.data!.editCustomer).toEqual({ customer: null, userErrors: [{ code: "NOT_FOUND" }] });
      expect(t.stats()).toEqual({});
    });
  });
});

describe("start-up without caller keys", () => {
  const silent = pino({ level: "silent" });

  it("refuses to start in front of real vendors without keys, naming the way out", async () => {
    const config = loadConfig({ RPM_URL: "http://127.0.0.1:9/rpm", RPM_API_KEY: "k", PORT: "0" });
    const start = startApp(config, await buildGraphSchema(), silent);
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(
      "Refusing to start: real vendors are configured (RPM) but no caller keys; set CALLER_KEYS or CALLER_KEYS_FILE, or ALLOW_INSECURE_NO_AUTH=true to run without caller authentication",
    );
  });

  describe("ID_SECRET in production", () => {
    const PRODUCTION = { NODE_ENV: "production", RPM_URL: "http://127.0.0.1:9/rpm", RPM_API_KEY: "k", PORT: "0", CALLER_KEYS: `${READ}=customers:read` };

    it.each([
      ["unset", {}],
      ["set to the development value in the repository", { ID_SECRET: DEVELOPMENT_ID_SECRET }],
    ])("refuses to start with ID_SECRET %s, naming it and its rule", async (_, env) => {
      const start = startApp(loadConfig({ ...PRODUCTION, ...env }), await buildGraphSchema(), silent);
      await expect(start).rejects.toThrow(ConfigError);
      await expect(start).rejects.toThrow(/no ID_SECRET; set ID_SECRET to at least 32 random characters .*the same on every instance/);
    });

    it("refuses an ID_SECRET shorter than 32 characters", () => {
      expect(() => loadConfig({ ...PRODUCTION, ID_SECRET: "x".repeat(31) })).toThrow("ID_SECRET: ID_SECRET must be at least 32 random characters");
    });

    it("starts with an ID_SECRET of 32 characters", async () => {
      const app = await startApp(loadConfig({ ...PRODUCTION, ID_SECRET: "k".repeat(32) }), await buildGraphSchema(), silent);
      await app.close();
    });
  });

  it("starts in front of real vendors with keys, and then requires them", async () => {
    const config = loadConfig({ RPM_URL: "http://127.0.0.1:9/rpm", RPM_API_KEY: "k", PORT: "0", CALLER_KEYS: `${READ}=customers:read` });
    const app = await startApp(config, await buildGraphSchema(), silent);
    try {
      expect(app.securityNotice).toBe("Caller authentication on: 1 API key(s) configured");
      const res = await fetch(`${app.graph.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ sources { source } }"}' });
      expect(res.status).toBe(401);
      const ok = await fetch(`${app.graph.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${READ}` },
        body: '{"query":"{ sources { source } }"}',
      });
      expect(((await ok.json()) as { data: unknown }).data).toEqual({ sources: [{ source: "RPM" }] });
    } finally {
      await app.close();
    }
  });

  it("starts without keys only with ALLOW_INSECURE_NO_AUTH=true, and says so", async () => {
    const config = loadConfig({ RPM_URL: "http://127.0.0.1:9/rpm", RPM_API_KEY: "k", PORT: "0", ALLOW_INSECURE_NO_AUTH: "true" });
    const app = await startApp(config, await buildGraphSchema(), silent);
    try {
      expect(app.securityNotice).toMatch(/^WARNING: caller authentication is off \(ALLOW_INSECURE_NO_AUTH=true\)/);
      const res = await fetch(`${app.graph.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ sources { source } }"}' });
      expect(((await res.json()) as { data: unknown }).data).toEqual({ sources: [{ source: "RPM" }] });
    } finally {
      await app.close();
    }
  });
});

/** Runs `npm start`'s entry point with the given environment until it exits or prints `until`; bounded in time. */
function runMain(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", PORT: "0", SIMULATOR_PORT: "0", SIMULATOR_CUSTOMERS: "5", ...env },
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`main.ts did not finish in 20 s; stdout: ${stdout} stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.test(stdout)) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm start", () => {
  it("stops on a malformed CALLER_KEYS with a message that names the entry but never the key", async () => {
    const secret = "s3cret-caller-key-abcdefgh";
    const res = await runMain({ CALLER_KEYS: `${READ}=customers:read;${secret},customers:read` });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('Invalid configuration: CALLER_KEYS entry 2 must be key=scope[,scope...] (no "=" found)');
    expect(res.stderr + res.stdout).not.toContain(secret);
  }, 30_000);

  it("says that the embedded default listens on 127.0.0.1 only, without caller authentication", async () => {
    const res = await runMain({}, /customer-graph ready/);
    expect(res.stdout).toContain("No caller keys configured: listening on 127.0.0.1 only, without caller authentication");
    expect(res.stdout).toMatch(/GraphQL at http:\/\/127\.0\.0\.1:\d+\/graphql/);
  }, 30_000);
});
