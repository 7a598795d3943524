import { ConfigError, ID_SECRET_MIN } from "../config.js";

export interface StartupPolicyInput {
  /** Names of the real vendors configured (none: the simulators run embedded). */
  vendors: readonly string[];
  /** How many caller keys are configured. */
  keys: number;
  allowInsecureNoAuth: boolean;
  /** HOST, if set. */
  host?: string;
  /** NODE_ENV=production. */
  production?: boolean;
  /** Whether ID_SECRET was set (to something other than the development value in the repository). */
  idSecretSet?: boolean;
}

export interface StartupPolicy {
  /** Whether /graphql requires a caller key. */
  authenticate: boolean;
  host: string;
  /** One line for the start-up output saying how callers are let in. */
  notice: string;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const HOW_TO_SECURE = "set CALLER_KEYS or CALLER_KEYS_FILE, or ALLOW_INSECURE_NO_AUTH=true to run without caller authentication";

/**
 * Who may reach the graph, decided once at start. This layer holds every vendor's credentials, so without
 * caller keys it serves only this machine, and never real vendors unless the operator says so explicitly.
 */
export function decideStartupPolicy(input: StartupPolicyInput): StartupPolicy {
  const host = input.host ?? "127.0.0.1";
  if (input.production && input.vendors.length > 0 && input.idSecretSet === false) {
    // The development secret is in the repository: with it anyone could mint this graph's ids and cursors.
    throw new ConfigError(
      `Refusing to start: NODE_ENV=production with real vendors (${input.vendors.join(", ")}) but no ID_SECRET; set ID_SECRET to at least ${ID_SECRET_MIN} random characters (e.g. openssl rand -base64 32), the same on every instance of this deployment`,
    );
  }
  if (input.keys > 0) {
    return { authenticate: true, host, notice: `Caller authentication on: ${input.keys} API key(s) configured` };
  }
  if (input.allowInsecureNoAuth) {
    return { authenticate: false, host, notice: `WARNING: caller authentication is off (ALLOW_INSECURE_NO_AUTH=true); anyone who reaches ${host} can read and change customers` };
  }
  if (input.vendors.length > 0) {
    throw new ConfigError(`Refusing to start: real vendors are configured (${input.vendors.join(", ")}) but no caller keys; ${HOW_TO_SECURE}`);
  }
  if (!LOOPBACK.has(host)) {
    throw new ConfigError(`Refusing to start: HOST=${host} without caller keys would open the graph to other machines; ${HOW_TO_SECURE}`);
  }
  return { authenticate: false, host, notice: `No caller keys configured: listening on ${host} only, without caller authentication` };
}
