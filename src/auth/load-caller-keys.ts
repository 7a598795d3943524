import type { Config } from "../config.js";
import { CallerKeyStore } from "./caller-key-store.js";
import { parseCallerKeysFile } from "./caller-keys-file.js";
import { parseCallerKeysText } from "./caller-keys-text.js";

/**
 * The caller keys of CALLER_KEYS and CALLER_KEYS_FILE together, or null when neither configures any (a blank
 * CALLER_KEYS counts as unset, as orchestrators often pass empty variables). Throws ConfigError on any mistake.
 */
export function loadCallerKeys(config: Pick<Config, "callerKeys" | "callerKeysFile">): CallerKeyStore | null {
  const entries = [
    ...(config.callerKeys?.trim() ? parseCallerKeysText(config.callerKeys) : []),
    ...(config.callerKeysFile ? parseCallerKeysFile(config.callerKeysFile) : []),
  ];
  return entries.length > 0 ? new CallerKeyStore(entries) : null;
}
