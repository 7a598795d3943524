import { CALL_RATE_RULE, parseCallRate, type CallRate } from "../budget/call-window.js";
import { ConfigError } from "../config.js";
import { SOURCE_NAMES, type SourceName } from "../model.js";
import { SCOPES, type Scope } from "./caller.js";
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE, type CallerKeyEntry } from "./caller-key-entry.js";
import { hashKey } from "./key-hash.js";

const ITEM_RULE = `customers:read, customers:write, source:<${SOURCE_NAMES.join("|")}>, calls:${CALL_RATE_RULE.split(",")[0]} or name:<label>`;

/**
 * Parses the CALLER_KEYS text: entries separated by ";", each `key=item,item,...` where an item is a scope
 * (`customers:read`, `customers:write`), a source limit (`source:WMS`, repeatable; none means every source) or
 * a label for logs (`name:storefront`) or the key's budget of vendor calls (`calls:6000/hour`). Whitespace around entries and items is ignored, and so is an empty entry
 * (a trailing ";").
 *
 * Messages point at an entry and item by position and never quote the text: a typo can put a key where a scope
 * belongs (a "," for a ";"), and the message ends up in a terminal or a deploy log.
 */
export function parseCallerKeysText(text: string, origin = "CALLER_KEYS"): CallerKeyEntry[] {
  const entries: CallerKeyEntry[] = [];
  const parts = text.split(";").map((p) => p.trim());
  parts.forEach((part, index) => {
    if (part === "") return;
    const where = `${origin} entry ${index + 1}`;
    const eq = part.indexOf("=");
    if (eq < 0) throw invalid(`${where} must be key=scope[,scope...] (no "=" found)`);
    const key = part.slice(0, eq).trim();
    if (!KEY_PATTERN.test(key)) throw invalid(`${where}: the key must be ${KEY_RULE}`);
    entries.push({ hash: hashKey(key), origin: where, ...parseItems(part.slice(eq + 1), where) });
  });
  return entries;
}

function parseItems(text: string, where: string): Pick<CallerKeyEntry, "name" | "scopes" | "sources" | "calls"> {
  const scopes = new Set<Scope>();
  const sources = new Set<SourceName>();
  let name: string | undefined;
  let calls: CallRate | undefined;
  text.split(",").forEach((raw, index) => {
    const item = raw.trim();
    const at = `${where}, item ${index + 1}`;
    if ((SCOPES as readonly string[]).includes(item)) {
      scopes.add(item as Scope);
    } else if (item.startsWith("source:")) {
      const source = item.slice("source:".length).trim().toUpperCase();
      if (!(SOURCE_NAMES as readonly string[]).includes(source)) {
        throw invalid(`${at}: unknown source (sources: ${SOURCE_NAMES.join(", ")})`);
      }
      sources.add(source as SourceName);
    } else if (item.startsWith("calls:")) {
      const rate = parseCallRate(item.slice("calls:".length));
      if (!rate) throw invalid(`${at}: calls must be ${CALL_RATE_RULE}`);
      if (calls !== undefined) throw invalid(`${at}: the key already has a calls budget`);
      calls = rate;
    } else if (item.startsWith("name:")) {
      const label = item.slice("name:".length).trim();
      if (!NAME_PATTERN.test(label)) throw invalid(`${at}: the name must be ${NAME_RULE}`);
      if (name !== undefined) throw invalid(`${at}: the key already has a name`);
      name = label;
    } else {
      throw invalid(`${at} is not one of ${ITEM_RULE}`);
    }
  });
  if (scopes.size === 0) throw invalid(`${where} grants no scope (scopes: ${SCOPES.join(", ")})`);
  return { name, scopes, sources: sources.size > 0 ? sources : null, calls };
}

function invalid(message: string): ConfigError {
  return new ConfigError(`Invalid configuration: ${message}`);
}
