import { z } from "zod";
import { CALL_RATE_RULE, parseCallRate, parseTimeOfDay, type CallRate } from "./budget/call-window.js";
import { parseAllowedOrigins, type AllowedOrigins } from "./http/allowed-origins.js";
import { DEFAULT_CONNECTION_LIMITS as HTTP, type ConnectionLimits } from "./connection-limits.js";

/**
 * The service's configuration, read and validated once at start. Nothing else reads process.env.
 * A vendor with no URL is not configured; with no vendor configured at all, main.ts starts the
 * simulators embedded and points every vendor at them.
 */
const url = (name: string) =>
  z
    .string()
    .url(`${name} must be an http(s) URL`)
    .refine((v) => /^https?:\/\//.test(v), `${name} must be an http(s) URL`)
    .optional();
const secret = (name: string) => z.string().min(1, `${name} must not be empty`).optional();
const int = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ invalid_type_error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

/** The shortest ID_SECRET accepted: ids and cursors are only as unforgeable as this secret is unguessable. */
export const ID_SECRET_MIN = 32;
/** Used when ID_SECRET is unset: it is in the repository, so anyone can mint ids with it (never in production). */
export const DEVELOPMENT_ID_SECRET = "customer-graph-development-id-secret";

const EnvSchema = z.object({
  PORT: int("PORT", 0, 65535, 4000),
  HOST: z.string().optional(),
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RPM_URL: url("RPM_URL"),
  RPM_API_KEY: secret("RPM_API_KEY"),
  WMS_URL: url("WMS_URL"),
  WMS_CLIENT_ID: secret("WMS_CLIENT_ID"),
  WMS_CLIENT_SECRET: secret("WMS_CLIENT_SECRET"),
  KOMET_URL: url("KOMET_URL"),
  KOMET_TOKEN: secret("KOMET_TOKEN"),
  CONNECT_URL: url("CONNECT_URL"),
  CONNECT_API_KEY: secret("CONNECT_API_KEY"),
  VENDOR_TIMEOUT_MS: int("VENDOR_TIMEOUT_MS", 100, 120_000, 10_000),
  VENDOR_CONCURRENCY: int("VENDOR_CONCURRENCY", 1, 256, 32),
  ID_SECRET: z.string().min(ID_SECRET_MIN, `ID_SECRET must be at least ${ID_SECRET_MIN} random characters`).optional(),
  CALLER_KEYS: z.string().optional(),
  CALLER_KEYS_FILE: z.string().optional(),
  ALLOW_INSECURE_NO_AUTH: z.enum(["true", "false"]).default("false"),
  GRAPHIQL: z.enum(["true", "false"]).optional(),
  SUBGRAPH_NODE_FIELDS: z.enum(["true", "false"]).default("true"),
  MAX_DEPTH: int("MAX_DEPTH", 1, 100, 10),
  MAX_ALIASES: int("MAX_ALIASES", 1, 1000, 30),
  MAX_DIRECTIVES: int("MAX_DIRECTIVES", 0, 1000, 20),
  MAX_TOKENS: int("MAX_TOKENS", 10, 1_000_000, 2_000),
  MAX_COST: int("MAX_COST", 1, 100_000_000, 50_000),
  MAX_STRING_ARG: int("MAX_STRING_ARG", 1, 1_000_000, 2_000),
  MAX_BODY_BYTES: int("MAX_BODY_BYTES", 1_000, 100_000_000, 1_000_000),
  VENDOR_RETRIES: int("VENDOR_RETRIES", 0, 10, 2),
  VENDOR_BREAKER_FAILURES: int("VENDOR_BREAKER_FAILURES", 1, 1000, 5),
  VENDOR_BREAKER_HALF_OPEN_MS: int("VENDOR_BREAKER_HALF_OPEN_MS", 100, 600_000, 10_000),
  VENDOR_BULKHEAD: int("VENDOR_BULKHEAD", 1, 10_000, 32),
  VENDOR_BULKHEAD_QUEUE: int("VENDOR_BULKHEAD_QUEUE", 0, 100_000, 2000),
  VENDOR_CACHE_TTL_MS: int("VENDOR_CACHE_TTL_MS", 0, 86_400_000, 0),
  VENDOR_CACHE_MAX_RECORDS: int("VENDOR_CACHE_MAX_RECORDS", 1, 10_000_000, 50_000),
  MAX_VENDOR_CALLS: int("MAX_VENDOR_CALLS", 1, 100_000, 250),
  CALLER_VENDOR_CALLS: z
    .string()
    .refine((v) => parseCallRate(v) !== null, `CALLER_VENDOR_CALLS must be ${CALL_RATE_RULE}`)
    .optional(),
  RPM_DAILY_CALLS: int("RPM_DAILY_CALLS", 0, 100_000_000, 0).optional(),
  WMS_DAILY_CALLS: int("WMS_DAILY_CALLS", 0, 100_000_000, 0).optional(),
  KOMET_DAILY_CALLS: int("KOMET_DAILY_CALLS", 0, 100_000_000, 0).optional(),
  CONNECT_DAILY_CALLS: int("CONNECT_DAILY_CALLS", 0, 100_000_000, 0).optional(),
  VENDOR_QUOTA_RESET: z
    .string()
    .refine((v) => parseTimeOfDay(v) !== null, "VENDOR_QUOTA_RESET must be a UTC time of day HH:MM, e.g. 00:00")
    .default("00:00"),
  VENDOR_WRITE_RESERVE: z
    .string()
    .refine((v) => /^\s*(100|[1-9]?\d)(\.\d+)?\s*%?\s*$/.test(v), "VENDOR_WRITE_RESERVE must be a percentage from 0 to 100, e.g. 10%")
    .default("10%"),
  HTTP_HEADERS_TIMEOUT_MS: int("HTTP_HEADERS_TIMEOUT_MS", 100, 60_000, HTTP.headersTimeoutMs),
  HTTP_REQUEST_TIMEOUT_MS: int("HTTP_REQUEST_TIMEOUT_MS", 100, 300_000, HTTP.requestTimeoutMs),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int("HTTP_KEEP_ALIVE_TIMEOUT_MS", 100, 600_000, HTTP.keepAliveTimeoutMs),
  HTTP_MAX_CONNECTIONS: int("HTTP_MAX_CONNECTIONS", 1, 1_000_000, HTTP.maxConnections),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v), "REDIS_URL must be a redis:// or rediss:// URL")
    .optional(),
  CORS_ORIGINS: z.string().optional(),
  TRUSTED_DOCUMENTS: z.string().optional(),
  TRUSTED_DOCUMENTS_MODE: z.enum(["enforce", "log"], { message: "TRUSTED_DOCUMENTS_MODE must be enforce or log" }).optional(),
  SIMULATOR_PORT: int("SIMULATOR_PORT", 0, 65535, 4100),
  SIMULATOR_CUSTOMERS: z.string().optional(),
  SIMULATOR_SEED: int("SIMULATOR_SEED", 0, 2 ** 31, 42),
});

export interface VendorEndpoints {
  rpm?: { url: string; apiKey: string };
  wms?: { url: string; clientId: string; clientSecret: string };
  komet?: { url: string; token: string };
  connect?: { url: string; apiKey: string };
}

/** Query limits: each is answered 400 with a clear error before any vendor call. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxStringArg: number;
  maxBodyBytes: number;
}

/** Per-vendor resilience: retries for calls safe to repeat, a shared circuit breaker, a bulkhead. */
export interface Resilience {
  retries: number;
  breakerFailures: number;
  breakerHalfOpenMs: number;
  bulkhead: number;
  bulkheadQueue: number;
}

export interface Config {
  port: number;
  host?: string;
  production: boolean;
  logLevel: string;
  vendors: VendorEndpoints;
  vendorTimeoutMs: number;
  vendorConcurrency: number;
  /** Key for global ids and cursors; a fixed development value when unset (ids then are stable but forgeable). */
  idSecret: string;
  /** Whether ID_SECRET was set: production in front of real vendors refuses to start without it. */
  idSecretSet: boolean;
  /** CALLER_KEYS text (`key=scope,scope;key2=scope`), parsed by src/auth. */
  callerKeys?: string;
  callerKeysFile?: string;
  allowInsecureNoAuth: boolean;
  /** Serve GraphiQL; default: on outside production. */
  graphiql: boolean;
  /** Serve node(id) and nodes(ids); off leaves them out of the (federation sub)graph (docs/federation.md). */
  nodeFields: boolean;
  limits: QueryLimits;
  resilience: Resilience;
  /** The opt-in response cache (src/sources/cache/): ttlMs 0 is off. */
  responseCache: { ttlMs: number; maxRecords: number };
  simulator: { port: number; seed: number; sizes: Partial<Record<"rpm" | "wms" | "komet" | "connect", number>> };
  /** Where the state shared by every instance lives (src/state/); absent: in this process only. */
  redisUrl?: string;
  /** The bounds on vendor calls (src/budget/). */
  budget: BudgetConfig;
  /** Browser origins that may call /graphql (CORS_ORIGINS): any loopback origin in development by default. */
  corsOrigins: AllowedOrigins;
  /** TRUSTED_DOCUMENTS manifests (paths) and their mode; absent: any document runs. */
  trustedDocuments?: { paths: string[]; mode: "enforce" | "log" };
  /** Timeouts and the connection bound of the HTTP server (src/connection-limits.ts). */
  connections: ConnectionLimits;
}

export interface BudgetConfig {
  /** Most vendor calls one request may make, estimated before it runs and counted while it does. */
  maxVendorCalls: number;
  /** The budget of callers whose key names none (and of everyone when no keys are configured); none: unbounded. */
  callerCalls?: CallRate;
  /** Calls a day per vendor (RPM_DAILY_CALLS, ...); a vendor absent has no quota of ours. */
  dailyCalls: Partial<Record<"RPM" | "WMS" | "KOMET" | "CONNECT", number>>;
  /** When the vendor-day starts, in minutes after midnight UTC. */
  quotaResetMinute: number;
  /** The share (0 to 1) of each quota kept for writes. */
  writeReserve: number;
}

/** Komet's documented allowance ("about 1,000 requests a day per user"): its quota unless KOMET_DAILY_CALLS says. */
export const KOMET_DOCUMENTED_DAILY_CALLS = 1000;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Every configured vendor credential, for the logger to blank out wherever one might appear. */
export function vendorCredentials(vendors: VendorEndpoints): string[] {
  return [vendors.rpm?.apiKey, vendors.wms?.clientSecret, vendors.komet?.token, vendors.connect?.apiKey].filter(
    (v): v is string => Boolean(v),
  );
}

/** Simulator credentials, fixed test values (see the vendor-docs README). */
export const SIMULATOR_CREDENTIALS = {
  rpm: { apiKey: "sim-rpm-key" },
  wms: { clientId: "sim-wms-client", clientSecret: "sim-wms-secret" },
  komet: { token: "sim-komet-token" },
  connect: { apiKey: "sim-connect-key" },
} as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      "Invalid configuration: " + parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "),
    );
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError("Invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS");
  }
  const vendors: VendorEndpoints = {};
  const need = (name: string, value: string | undefined, forVar: string) => {
    if (!value) throw new ConfigError(`Invalid configuration: ${name} is required when ${forVar} is set`);
    return value;
  };
  if (e.RPM_URL) vendors.rpm = { url: e.RPM_URL, apiKey: need("RPM_API_KEY", e.RPM_API_KEY, "RPM_URL") };
  if (e.WMS_URL) {
    vendors.wms = {
      url: e.WMS_URL,
      clientId: need("WMS_CLIENT_ID", e.WMS_CLIENT_ID, "WMS_URL"),
      clientSecret: need("WMS_CLIENT_SECRET", e.WMS_CLIENT_SECRET, "WMS_URL"),
    };
  }
  if (e.KOMET_URL) vendors.komet = { url: e.KOMET_URL, token: need("KOMET_TOKEN", e.KOMET_TOKEN, "KOMET_URL") };
  if (e.CONNECT_URL) {
    vendors.connect = { url: e.CONNECT_URL, apiKey: need("CONNECT_API_KEY", e.CONNECT_API_KEY, "CONNECT_URL") };
  }
  const production = e.NODE_ENV === "production";
  const corsOrigins = parseAllowedOrigins(e.CORS_ORIGINS, production);
  if (typeof corsOrigins === "string") throw new ConfigError(`Invalid configuration: ${corsOrigins}`);
  const trustedPaths = (e.TRUSTED_DOCUMENTS ?? "").split(",").map((p) => p.trim()).filter((p) => p !== "");
  if (e.TRUSTED_DOCUMENTS_MODE && trustedPaths.length === 0) {
    throw new ConfigError("Invalid configuration: TRUSTED_DOCUMENTS_MODE needs TRUSTED_DOCUMENTS (the manifest paths)");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    production,
    logLevel: e.LOG_LEVEL,
    vendors,
    vendorTimeoutMs: e.VENDOR_TIMEOUT_MS,
    vendorConcurrency: e.VENDOR_CONCURRENCY,
    idSecret: e.ID_SECRET ?? DEVELOPMENT_ID_SECRET,
    idSecretSet: e.ID_SECRET !== undefined && e.ID_SECRET !== DEVELOPMENT_ID_SECRET,
    callerKeys: e.CALLER_KEYS,
    callerKeysFile: e.CALLER_KEYS_FILE,
    allowInsecureNoAuth: e.ALLOW_INSECURE_NO_AUTH === "true",
    graphiql: e.GRAPHIQL ? e.GRAPHIQL === "true" : e.NODE_ENV !== "production",
    nodeFields: e.SUBGRAPH_NODE_FIELDS === "true",
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      maxStringArg: e.MAX_STRING_ARG,
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    resilience: {
      retries: e.VENDOR_RETRIES,
      breakerFailures: e.VENDOR_BREAKER_FAILURES,
      breakerHalfOpenMs: e.VENDOR_BREAKER_HALF_OPEN_MS,
      bulkhead: e.VENDOR_BULKHEAD,
      bulkheadQueue: e.VENDOR_BULKHEAD_QUEUE,
    },
    responseCache: { ttlMs: e.VENDOR_CACHE_TTL_MS, maxRecords: e.VENDOR_CACHE_MAX_RECORDS },
    simulator: { port: e.SIMULATOR_PORT, seed: e.SIMULATOR_SEED, sizes: parseSizes(e.SIMULATOR_CUSTOMERS) },
    redisUrl: e.REDIS_URL,
    budget: {
      maxVendorCalls: e.MAX_VENDOR_CALLS,
      callerCalls: e.CALLER_VENDOR_CALLS ? (parseCallRate(e.CALLER_VENDOR_CALLS) ?? undefined) : undefined,
      dailyCalls: dropUndefined({
        RPM: e.RPM_DAILY_CALLS,
        WMS: e.WMS_DAILY_CALLS,
        KOMET: e.KOMET_DAILY_CALLS ?? (vendors.komet ? KOMET_DOCUMENTED_DAILY_CALLS : undefined),
        CONNECT: e.CONNECT_DAILY_CALLS,
      }),
      quotaResetMinute: parseTimeOfDay(e.VENDOR_QUOTA_RESET) ?? 0,
      writeReserve: Number.parseFloat(e.VENDOR_WRITE_RESERVE) / 100,
    },
    corsOrigins,
    trustedDocuments: trustedPaths.length > 0 ? { paths: trustedPaths, mode: e.TRUSTED_DOCUMENTS_MODE ?? "enforce" } : undefined,
    connections: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
  };
}

function dropUndefined<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}

/** SIMULATOR_CUSTOMERS: "500" for every vendor, or "wms=100000,rpm=50". */
export function parseSizes(value: string | undefined): Config["simulator"]["sizes"] {
  if (!value) return {};
  const vendors = ["rpm", "wms", "komet", "connect"] as const;
  const sizeOf = (text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000) {
      throw new ConfigError(`Invalid configuration: SIMULATOR_CUSTOMERS sizes must be whole numbers 0..1000000, got ${text}`);
    }
    return n;
  };
  if (/^\d+$/.test(value.trim())) {
    const n = sizeOf(value.trim());
    return Object.fromEntries(vendors.map((v) => [v, n]));
  }
  const sizes: Config["simulator"]["sizes"] = {};
  for (const part of value.split(",")) {
    const [name, size] = part.split("=").map((s) => s.trim());
    if (!(vendors as readonly string[]).includes(name ?? "") || size === undefined) {
      throw new ConfigError(`Invalid configuration: SIMULATOR_CUSTOMERS part "${part}" must be vendor=size (vendors: ${vendors.join(", ")})`);
    }
    sizes[name as (typeof vendors)[number]] = sizeOf(size);
  }
  return sizes;
}
