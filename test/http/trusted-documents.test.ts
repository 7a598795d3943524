import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { ErrorCode } from "../../src/errors.js";
import { loadTrustedDocuments, sha256Hex } from "../../src/trusted-documents/manifest.js";
import { AcmeByVendorKeyDocument, FirstCustomersDocument } from "../generated/client/graphql.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/** The manifest `npm run codegen` writes from schema/examples.graphql (the client preset's persisted documents). */
const MANIFEST = new URL("../generated/client/persisted-documents.json", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, string>;
/** The hash the client preset puts on each typed document, as an app would send it. */
const hashOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(t: TestGraph, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${t.graph.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

describe("TRUSTED_DOCUMENTS in enforce mode, with the manifest codegen writes", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ trustedDocuments: { paths: [MANIFEST] } });
  });
  afterAll(async () => t?.close());

  it("runs every operation of the manifest named by its documentId", async () => {
    const first = await post(t, { documentId: hashOf(FirstCustomersDocument) });
    const edges = (first.body.data!.customers as { edges: Array<{ node: { id: string; source: string } }> }).edges;
    const rpmId = edges.find((e) => e.node.source === "RPM")!.node.id;
    const acme = await post(t, { documentId: hashOf(AcmeByVendorKeyDocument) });
    const wmsId = (acme.body.data!.customerBySourceId as { id: string }).id;
    const variables: Record<string, Record<string, string>> = { EditCustomer: { id: rpmId }, DiscontinueCustomer: { id: wmsId } };

    expect(Object.keys(manifest).length).toBe(9);
    for (const [hash, document] of Object.entries(manifest)) {
      const name = /^(?:query|mutation) (\w+)/.exec(document)![1]!;
      t.resetStats();
      const answer = await post(t, { documentId: hash, variables: variables[name] });
      expect({ name, status: answer.status, errors: answer.body.errors }).toEqual({ name, status: 200, errors: undefined });
      expect(answer.body.data).toBeTruthy();
      if (name !== "Sources") expect(Object.values(t.stats()).length, name).toBeGreaterThan(0);
    }
  });

  it("runs them named by extensions.persistedQuery.sha256Hash (POST or GET), or sent as their exact text", async () => {
    const hash = hashOf(FirstCustomersDocument).replace(/^sha256:/, "");
    const apq = await post(t, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(apq.status).toBe(200);
    expect((apq.body.data!.customers as { edges: unknown[] }).edges).toHaveLength(5);

    const search = new URLSearchParams({ documentId: hashOf(FirstCustomersDocument) });
    const get = await fetch(`${t.graph.url}/graphql?${search}`, { headers: { "apollo-require-preflight": "true" } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as Answer["body"]).data).toBeTruthy();

    const text = await post(t, { query: manifest[hashOf(FirstCustomersDocument)] });
    expect(text.status).toBe(200);
    expect(text.body.errors).toBeUndefined();
  });

  it("runs the manifest's text for a known hash, whatever text comes with it", async () => {
    const answer = await post(t, { documentId: hashOf(FirstCustomersDocument), query: "{ sources { source } }" });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.data!).sort()).toEqual(["__typename", "customers"]);
  });

  it("refuses any other document before parsing it: 400 PERSISTED_QUERY_NOT_IN_LIST, no vendor call", async () => {
    const known = manifest[hashOf(FirstCustomersDocument)]!;
    const unknownHash = sha256Hex("{ customers(first: 500) { nodes { name } } }");
    const attempts: unknown[] = [
      { query: "{ customers(first: 500) { nodes { name contacts { nodes { name } } } } }" },
      { query: `${known} ` }, // one byte off a trusted document
      { query: "{ customers(first: 1) { nodes { name } " }, // does not even parse
      { documentId: `sha256:${unknownHash}` },
      { documentId: "not-a-hash" },
      // Registering a new automatic persisted query is not a way in either.
      { query: "{ customers(first: 500) { nodes { name } } }", extensions: { persistedQuery: { version: 1, sha256Hash: unknownHash } } },
    ];
    t.resetStats();
    for (const body of attempts) {
      const answer = await post(t, body);
      expect({ body, status: answer.status, codes: codes(answer) }).toEqual({
        body,
        status: 400,
        codes: [ErrorCode.PERSISTED_QUERY_NOT_IN_LIST],
      });
      expect(answer.body.errors![0]!.message).toContain("TRUSTED_DOCUMENTS");
    }
    const search = new URLSearchParams({ query: "{ customers(first: 3) { nodes { name } } }" });
    const get = await fetch(`${t.graph.url}/graphql?${search}`, { headers: { "apollo-require-preflight": "true" } });
    expect(get.status).toBe(400);
    expect(t.stats()).toEqual({});
  });

  it("lets GraphiQL's requests run any document in development only", async () => {
    const adHoc = { query: "{ customers(first: 2, filter: { sources: [WMS] }) { nodes { name } } }" };
    const fromGraphiql = await post(t, adHoc, { "x-graphiql": "true" });
    expect(fromGraphiql.status).toBe(200);
    expect(fromGraphiql.body.errors).toBeUndefined();

    const production = await startTestGraph({ production: true, graphiql: true, trustedDocuments: { paths: [MANIFEST] } });
    try {
      const refused = await post(production, adHoc, { "x-graphiql": "true" });
      expect(refused.status).toBe(400);
      expect(codes(refused)).toEqual([ErrorCode.PERSISTED_QUERY_NOT_IN_LIST]);
      expect(production.stats()).toEqual({});
    } finally {
      await production.close();
    }
  });
});

describe("TRUSTED_DOCUMENTS in log mode", () => {
  let t: TestGraph;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });
    t = await startTestGraph({ trustedDocuments: { paths: [MANIFEST], mode: "log" }, logger });
  });
  afterAll(async () => t?.close());

  const unknownCount = async () => {
    const text = await (await fetch(`${t.graph.url}/metrics`)).text();
    return Number(/^customer_graph_trusted_documents_total\{result="unknown"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  };

  it("runs an unknown document, logs its hash and counts it", async () => {
    const query = "{ customers(first: 2, filter: { sources: [KOMET] }) { nodes { name } } }";
    const before = await unknownCount();
    const answer = await post(t, { query });
    expect(answer.status).toBe(200);
    expect((answer.body.data!.customers as { nodes: unknown[] }).nodes).toHaveLength(2);
    expect(await unknownCount()).toBe(before + 1);
    const line = logLines.map((l) => JSON.parse(l) as { msg: string; documentHash?: string }).find((l) => l.documentHash === sha256Hex(query));
    expect(line?.msg).toContain("log mode");

    // The manifest's documents are known, and not counted as unknown.
    expect((await post(t, { documentId: hashOf(FirstCustomersDocument) })).status).toBe(200);
    expect(await unknownCount()).toBe(before + 1);
  });
});

describe("TRUSTED_DOCUMENTS settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "trusted-documents-"));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("no error");
  };

  it("defaults to enforce with a manifest, and needs a manifest for a mode", () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS: `${MANIFEST}, ${MANIFEST}` }).trustedDocuments).toEqual({ paths: [MANIFEST, MANIFEST], mode: "enforce" });
    expect(loadConfig({}).trustedDocuments).toBeUndefined();
    expect(message(() => loadConfig({ TRUSTED_DOCUMENTS_MODE: "log" }))).toContain("TRUSTED_DOCUMENTS_MODE needs TRUSTED_DOCUMENTS");
    expect(message(() => loadConfig({ TRUSTED_DOCUMENTS: MANIFEST, TRUSTED_DOCUMENTS_MODE: "off" }))).toContain("TRUSTED_DOCUMENTS_MODE must be enforce or log");
  });

  it("merges several manifests, with or without the sha256: prefix", () => {
    const query = "query Other { sources { source } }";
    const other = write("other.json", JSON.stringify({ [sha256Hex(query)]: query }));
    const documents = loadTrustedDocuments([MANIFEST, other]);
    expect(documents.size).toBe(Object.keys(manifest).length + 1);
    expect(documents.get(sha256Hex(query))).toBe(query);
  });

  it("refuses a manifest that is missing, not an object, or whose hashes are not its documents' sha256", () => {
    expect(message(() => loadTrustedDocuments([join(dir, "nope.json")]))).toContain("nope.json: no such file");
    expect(message(() => loadTrustedDocuments([write("list.json", "[]")]))).toContain("must be a JSON object");
    expect(message(() => loadTrustedDocuments([write("bad.json", "{")]))).toContain("not readable JSON");
    const sha1 = write("sha1.json", JSON.stringify({ "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12": "{ sources { source } }" }));
    expect(message(() => loadTrustedDocuments([sha1]))).toContain("is not the sha256 of its document");
    expect(message(() => loadTrustedDocuments([write("empty.json", JSON.stringify({ [sha256Hex("")]: "" }))]))).toContain("non-empty");
  });
});
