import { SIMULATOR_CREDENTIALS } from "../src/config.js";
import { BENCH_ID_SECRET } from "./scenarios.js";
import { BENCH_CACHE_TTL_MS, type Variant } from "./variants.js";

/**
 * The environment `npm start` would read, pointing every vendor at the bench's simulators; no caller keys. Tuning
 * variables given to the bench pass through (e.g. `VENDOR_CONCURRENCY=32 npm run bench`), to compare settings.
 * Used by every server under test (bench/server-process.ts, bench/graph-process.mjs).
 */
export function serverEnv(
  variant: Variant,
  simulatorUrl: string,
  outer: NodeJS.ProcessEnv = process.env,
  /** Set for this variant alone, e.g. REDIS_URL for graph-redis. */
  own: Record<string, string> = {},
): Record<string, string> {
  const tuning = Object.fromEntries(
    Object.entries(outer).filter((entry): entry is [string, string] => /^(VENDOR|MAX)_[A-Z_]+$/.test(entry[0]) && entry[1] !== undefined),
  );
  return {
    ...tuning,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    NODE_ENV: "production",
    ID_SECRET: BENCH_ID_SECRET,
    ALLOW_INSECURE_NO_AUTH: "true",
    // The simulated Komet has no daily limit; the quota of ours that stands for Komet's documented one (1,000 a
    // day) would turn every Komet read of a run into UPSTREAM_QUOTA_EXHAUSTED after its first 1,000 calls.
    KOMET_DAILY_CALLS: "100000000",
    ...simulatedVendorsEnv(simulatorUrl),
    ...(variant === "graph-cached" ? { VENDOR_CACHE_TTL_MS: String(BENCH_CACHE_TTL_MS) } : {}),
    ...own,
  };
}

/** Every vendor's base URL and credentials, as environment variables, for the simulators at `simulatorUrl`. */
export function simulatedVendorsEnv(simulatorUrl: string): Record<string, string> {
  return {
    RPM_URL: `${simulatorUrl}/rpm`,
    RPM_API_KEY: SIMULATOR_CREDENTIALS.rpm.apiKey,
    WMS_URL: `${simulatorUrl}/wms`,
    WMS_CLIENT_ID: SIMULATOR_CREDENTIALS.wms.clientId,
    WMS_CLIENT_SECRET: SIMULATOR_CREDENTIALS.wms.clientSecret,
    KOMET_URL: `${simulatorUrl}/komet`,
    KOMET_TOKEN: SIMULATOR_CREDENTIALS.komet.token,
    CONNECT_URL: `${simulatorUrl}/connect`,
    CONNECT_API_KEY: SIMULATOR_CREDENTIALS.connect.apiKey,
  };
}
