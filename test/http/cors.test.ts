import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAllowedOrigin, parseAllowedOrigins } from "../../src/http/allowed-origins.js";
import { loadConfig } from "../../src/config.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const KEY = "cors-key-0123456789abcdef";
const APP = "http://localhost:5173";
const OTHER = "https://evil.example.com";

describe("CORS on /graphql (CORS_ORIGINS)", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ callerKeys: `${KEY}=customers:read`, corsOrigins: { origins: [APP], anyLoopback: false } });
  });
  afterAll(async () => t?.close());

  const preflight = (origin: string) =>
    fetch(`${t.graph.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });

  it("answers an allowed origin's preflight 204 without a key, with the methods, headers and a max-age", async () => {
    const res = await preflight(APP);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("vary")).toMatch(/origin/i);
    expect(res.headers.get("access-control-allow-methods")?.split(",")).toEqual(["GET", "POST"]);
    expect(res.headers.get("access-control-allow-headers")?.split(",")).toEqual(
      expect.arrayContaining(["content-type", "authorization", "apollo-require-preflight", "x-request-id"]),
    );
    expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(t.calls("wms") + t.calls("rpm") + t.calls("komet") + t.calls("connect")).toBe(0);
  });

  it("refuses another origin's preflight with a clear 403 and no CORS headers", async () => {
    const res = await preflight(OTHER);
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-methods")).toBeNull();
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toContain("CORS_ORIGINS");
  });

  it("marks answers to an allowed origin with that origin, 401s included, and others with none", async () => {
    const post = (origin: string, key?: string) =>
      fetch(`${t.graph.url}/graphql`, {
        method: "POST",
        headers: { origin, "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query: "{ sources { source } }" }),
      });
    const ok = await post(APP, KEY);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP);
    expect(ok.headers.get("access-control-expose-headers")).toBe("x-request-id");
    expect(ok.headers.get("vary")).toMatch(/origin/i);
    // The browser may show the app why it was refused.
    const refused = await post(APP);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(APP);
    const other = await post(OTHER, KEY);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("vary")).toMatch(/origin/i);
    // Only /graphql speaks CORS.
    const health = await fetch(`${t.graph.url}/healthz`, { headers: { origin: APP } });
    expect(health.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS_ORIGINS", () => {
  it("allows any loopback origin by default in development, none in production", () => {
    const dev = loadConfig({}).corsOrigins;
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:3000", "http://localhost"]) {
      expect(isAllowedOrigin(dev, origin)).toBe(true);
    }
    for (const origin of ["https://localhost:5173", "http://localhost.evil.com", "http://127.0.0.1:3000.evil.com", "http://10.0.0.1:80", "null"]) {
      expect(isAllowedOrigin(dev, origin)).toBe(false);
    }
    expect(isAllowedOrigin(loadConfig({ NODE_ENV: "production" }).corsOrigins, "http://localhost:5173")).toBe(false);
  });

  it("is a list of exact origins, replacing the default, and refuses anything else by name", () => {
    const allowed = loadConfig({ NODE_ENV: "production", CORS_ORIGINS: "https://app.example.com, http://localhost:5173" }).corsOrigins;
    expect(isAllowedOrigin(allowed, "https://app.example.com")).toBe(true);
    expect(isAllowedOrigin(allowed, "http://localhost:5173")).toBe(true);
    expect(isAllowedOrigin(allowed, "http://localhost:5174")).toBe(false);
    expect(isAllowedOrigin(allowed, "https://app.example.com.evil.com")).toBe(false);
    expect(isAllowedOrigin(loadConfig({ CORS_ORIGINS: "" }).corsOrigins, "http://localhost:5173")).toBe(false);
    for (const bad of ["https://app.example.com/", "https://app.example.com/path", "*", "app.example.com", "ftp://x.example.com", "https://App.example.com"]) {
      expect(parseAllowedOrigins(bad, false)).toContain(`CORS_ORIGINS entry "${bad}"`);
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });
});
