import { fileURLToPath } from "node:url";
import { SIMULATOR_CREDENTIALS } from "../../src/config.js";
import type { RunningSimulators } from "../../src/simulators/server.js";
import { childEnv, startProcess, type RunningProcess } from "./child-process.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface GraphInstanceOptions {
  port: number;
  /** The same on every instance: ids and cursors issued by one must decode on the others. */
  idSecret: string;
  redisUrl?: string;
  /** One set of vendors (here: simulators) for every instance. */
  simulators: RunningSimulators;
  callerKeys: string;
  /** More environment, e.g. VENDOR_CACHE_TTL_MS. */
  env?: Record<string, string>;
}

export interface GraphInstance {
  url: string;
  process: RunningProcess;
}

/** One instance of the service as `npm run dev` starts it (src/main.ts under tsx), in a process of its own. */
export async function startGraphInstance(options: GraphInstanceOptions): Promise<GraphInstance> {
  const { baseUrls } = options.simulators;
  const { process, match } = await startProcess({
    command: globalThis.process.execPath,
    args: ["--import", "tsx", "src/main.ts"],
    cwd: ROOT,
    env: childEnv({
      PORT: String(options.port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ID_SECRET: options.idSecret,
      REDIS_URL: options.redisUrl,
      CALLER_KEYS: options.callerKeys,
      RPM_URL: baseUrls.rpm,
      RPM_API_KEY: SIMULATOR_CREDENTIALS.rpm.apiKey,
      WMS_URL: baseUrls.wms,
      WMS_CLIENT_ID: SIMULATOR_CREDENTIALS.wms.clientId,
      WMS_CLIENT_SECRET: SIMULATOR_CREDENTIALS.wms.clientSecret,
      KOMET_URL: baseUrls.komet,
      KOMET_TOKEN: SIMULATOR_CREDENTIALS.komet.token,
      CONNECT_URL: baseUrls.connect,
      CONNECT_API_KEY: SIMULATOR_CREDENTIALS.connect.apiKey,
      ...options.env,
    }),
    ready: /customer-graph ready: GraphQL at (\S+)\/graphql/,
    timeoutMs: 60_000,
  });
  return { url: match[1]!, process };
}
