import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkBearer } from "../../src/auth/bearer-check.js";
import { CallerKeyStore } from "../../src/auth/caller-key-store.js";
import { parseCallerKeysFile } from "../../src/auth/caller-keys-file.js";
import { parseCallerKeysText } from "../../src/auth/caller-keys-text.js";
import { loadCallerKeys } from "../../src/auth/load-caller-keys.js";
import { decideStartupPolicy } from "../../src/auth/startup-policy.js";
import { ConfigError } from "../../src/config.js";

const KEY_A = "key-a-0123456789abcdef";
const KEY_B = "key-b-0123456789abcdef";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function storeOf(text: string) {
  return new CallerKeyStore(parseCallerKeysText(text));
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "caller-keys-")), "keys.json");
  writeFileSync(path, content);
  return path;
}

/** The ConfigError a call throws; fails the test when it throws nothing or something else. */
function configError(call: () => unknown): string {
  try {
    call();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("CALLER_KEYS text", () => {
  it("gives each key its scopes, source limits and name; whitespace and a trailing ; are ignored", () => {
    const store = storeOf(` ${KEY_A} = customers:read , source:wms,source:RPM ; ${KEY_B}=customers:read,customers:write,name:back-office; `);
    expect(store.size).toBe(2);
    const a = store.find(KEY_A)!;
    expect([...a.scopes]).toEqual(["customers:read"]);
    expect([...a.sources!]).toEqual(["WMS", "RPM"]);
    expect(a.name).toBeUndefined();
    const b = store.find(KEY_B)!;
    expect([...b.scopes]).toEqual(["customers:read", "customers:write"]);
    expect(b.sources).toBeNull();
    expect(b.name).toBe("back-office");
  });

  it("identifies a caller by a short digest prefix, never by the key", () => {
    const caller = storeOf(`${KEY_A}=customers:read`).find(KEY_A)!;
    expect(caller.id).toBe(`key:${sha256(KEY_A).slice(0, 8)}`);
    expect(JSON.stringify({ ...caller, scopes: [...caller.scopes] })).not.toContain(KEY_A);
  });

  it("finds nothing for an unknown key, a prefix of a key or the digest of a key", () => {
    const store = storeOf(`${KEY_A}=customers:read`);
    expect(store.find("key-a-0123456789abcdeX")).toBeNull();
    expect(store.find(KEY_A.slice(0, -1))).toBeNull();
    expect(store.find(sha256(KEY_A))).toBeNull();
    expect(store.find("")).toBeNull();
  });

  it.each([
    [`${KEY_A}`, 'CALLER_KEYS entry 1 must be key=scope[,scope...] (no "=" found)'],
    [`${KEY_A}=customers:read;${KEY_B}`, 'CALLER_KEYS entry 2 must be key=scope[,scope...] (no "=" found)'],
    [`${KEY_A}=customers:read,${KEY_B}=customers:read`, "CALLER_KEYS entry 1, item 2 is not one of customers:read, customers:write, source:<RPM|WMS|KOMET|CONNECT>, calls:<calls>/<minute|hour|day> or name:<label>"],
    [`short-key=customers:read`, "CALLER_KEYS entry 1: the key must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / -"],
    [`${KEY_A} with space=customers:read`, "CALLER_KEYS entry 1: the key must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / -"],
    [`=customers:read`, "CALLER_KEYS entry 1: the key must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / -"],
    [`${KEY_A}=`, "CALLER_KEYS entry 1, item 1 is not one of customers:read, customers:write, source:<RPM|WMS|KOMET|CONNECT>, calls:<calls>/<minute|hour|day> or name:<label>"],
    [`${KEY_A}=customers:admin`, "CALLER_KEYS entry 1, item 1 is not one of customers:read, customers:write, source:<RPM|WMS|KOMET|CONNECT>, calls:<calls>/<minute|hour|day> or name:<label>"],
    [`${KEY_A}=source:WMS`, "CALLER_KEYS entry 1 grants no scope (scopes: customers:read, customers:write)"],
    [`${KEY_A}=customers:read,source:SAP`, "CALLER_KEYS entry 1, item 2: unknown source (sources: RPM, WMS, KOMET, CONNECT)"],
    [`${KEY_A}=customers:read,name:two words`, "CALLER_KEYS entry 1, item 2: the name must be 1 to 64 characters of A-Z a-z 0-9 . _ -"],
    [`${KEY_A}=customers:read;${KEY_A}=customers:write`, "CALLER_KEYS entry 2 repeats the key of CALLER_KEYS entry 1"],
  ])("refuses %j with a message that names the entry, not the key", (text, message) => {
    const error = configError(() => storeOf(text));
    expect(error).toBe(`Invalid configuration: ${message}`);
    expect(error).not.toContain(KEY_A);
    expect(error).not.toContain(KEY_B);
  });
});

describe("CALLER_KEYS_FILE", () => {
  it("reads keys given plainly or only as their sha256, with scopes and sources", () => {
    const path = tempFile(
      JSON.stringify([
        { name: "storefront", sha256: sha256(KEY_A), scopes: ["customers:read"], sources: ["WMS"] },
        { key: KEY_B, scopes: ["customers:read", "customers:write"] },
      ]),
    );
    const store = new CallerKeyStore(parseCallerKeysFile(path));
    expect(store.find(KEY_A)).toMatchObject({ name: "storefront", sources: new Set(["WMS"]) });
    expect([...store.find(KEY_B)!.scopes]).toEqual(["customers:read", "customers:write"]);
  });

  it("joins the keys of CALLER_KEYS and the file, refusing one key configured in both", () => {
    const path = tempFile(JSON.stringify([{ key: KEY_B, scopes: ["customers:read"] }]));
    expect(loadCallerKeys({ callerKeys: `${KEY_A}=customers:read`, callerKeysFile: path })!.size).toBe(2);
    expect(configError(() => loadCallerKeys({ callerKeys: `${KEY_B}=customers:write`, callerKeysFile: path }))).toBe(
      "Invalid configuration: CALLER_KEYS_FILE entry 1 repeats the key of CALLER_KEYS entry 1",
    );
  });

  it("counts a blank CALLER_KEYS as unset", () => {
    expect(loadCallerKeys({ callerKeys: "  " })).toBeNull();
    expect(loadCallerKeys({})).toBeNull();
  });

  it.each([
    [`[{"key": "${KEY_A}", "scopes": ["customers:admin"]}]`, "entry 1: scopes.0: each scope must be one of customers:read, customers:write"],
    [`[{"key": "${KEY_A}", "scopes": []}]`, "entry 1: scopes: scopes must name at least one of customers:read, customers:write"],
    [`[{"key": "${KEY_A}", "scopes": ["customers:read"], "sources": ["${KEY_B}"]}]`, "entry 1: sources.0: each source must be one of RPM, WMS, KOMET, CONNECT"],
    [`[{"scopes": ["customers:read"]}]`, "entry 1: give exactly one of key and sha256"],
    [`[{"key": "${KEY_A}", "sha256": "${sha256(KEY_A)}", "scopes": ["customers:read"]}]`, "entry 1: give exactly one of key and sha256"],
    [`[{"key": "short", "scopes": ["customers:read"]}]`, "entry 1: key: key must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / -"],
  ])("refuses %s without quoting values", (content, message) => {
    const error = configError(() => parseCallerKeysFile(tempFile(content)));
    expect(error).toBe(`Invalid configuration: CALLER_KEYS_FILE ${message}`);
    expect(error).not.toContain(KEY_A);
    expect(error).not.toContain(KEY_B);
  });

  it("says a file is not JSON without quoting it, and names a missing or empty file", () => {
    const broken = tempFile(`[{"key": ${KEY_A}}]`);
    const error = configError(() => parseCallerKeysFile(broken));
    expect(error).toBe(`Invalid configuration: CALLER_KEYS_FILE ${broken} is not valid JSON`);
    expect(configError(() => parseCallerKeysFile("/nonexistent/keys.json"))).toBe(
      "Invalid configuration: CALLER_KEYS_FILE /nonexistent/keys.json cannot be read",
    );
    const empty = tempFile("[]");
    expect(configError(() => parseCallerKeysFile(empty))).toBe(`Invalid configuration: CALLER_KEYS_FILE ${empty} holds no key`);
  });
});

describe("the bearer check", () => {
  const store = storeOf(`${KEY_A}=customers:read`);

  it.each([
    [`Bearer ${KEY_A}`, "caller"],
    [`bearer ${KEY_A}`, "caller"],
    [`BEARER   ${KEY_A} `, "caller"],
    [undefined, "missing"],
    ["", "missing"],
    [KEY_A, "invalid"],
    [`Bearer ${KEY_A} extra`, "invalid"],
    [`Bearer ${KEY_B}`, "invalid"],
    [`Token ${KEY_A}`, "invalid"],
    [[`Bearer ${KEY_A}`, `Bearer ${KEY_A}`], "invalid"],
  ])("Authorization %j: %s", (header, outcome) => {
    const check = checkBearer(header, store);
    expect("caller" in check ? "caller" : check.refused).toBe(outcome);
  });

  it("lets everyone in as the open caller when no keys are configured", () => {
    const check = checkBearer(undefined, null);
    expect("caller" in check && check.caller.id).toBe("open");
  });
});

describe("the start-up decision", () => {
  const HOW = "set CALLER_KEYS or CALLER_KEYS_FILE, or ALLOW_INSECURE_NO_AUTH=true to run without caller authentication";

  it.each([
    ["keys, real vendors", { vendors: ["RPM"], keys: 2, allowInsecureNoAuth: false, host: "0.0.0.0" }, { authenticate: true, host: "0.0.0.0" }],
    ["keys, embedded", { vendors: [], keys: 1, allowInsecureNoAuth: false }, { authenticate: true, host: "127.0.0.1" }],
    ["no keys, embedded", { vendors: [], keys: 0, allowInsecureNoAuth: false }, { authenticate: false, host: "127.0.0.1" }],
    ["no keys, embedded, HOST=::1", { vendors: [], keys: 0, allowInsecureNoAuth: false, host: "::1" }, { authenticate: false, host: "::1" }],
    ["no keys, real vendors, insecure flag", { vendors: ["WMS"], keys: 0, allowInsecureNoAuth: true, host: "0.0.0.0" }, { authenticate: false, host: "0.0.0.0" }],
  ])("%s: starts", (_, input, expected) => {
    expect(decideStartupPolicy(input)).toMatchObject(expected);
  });

  it("says that the keyless embedded default listens on loopback only", () => {
    expect(decideStartupPolicy({ vendors: [], keys: 0, allowInsecureNoAuth: false }).notice).toBe(
      "No caller keys configured: listening on 127.0.0.1 only, without caller authentication",
    );
  });

  it.each([
    ["no keys, real vendors", { vendors: ["RPM", "WMS"], keys: 0, allowInsecureNoAuth: false }, `Refusing to start: real vendors are configured (RPM, WMS) but no caller keys; ${HOW}`],
    ["no keys, embedded, HOST=0.0.0.0", { vendors: [], keys: 0, allowInsecureNoAuth: false, host: "0.0.0.0" }, `Refusing to start: HOST=0.0.0.0 without caller keys would open the graph to other machines; ${HOW}`],
  ])("%s: refuses", (_, input, message) => {
    expect(configError(() => decideStartupPolicy(input))).toBe(message);
  });
});
