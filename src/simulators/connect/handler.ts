import type { SimRequest, SimResponse, VendorSimulator } from "../vendor-simulator.js";
import { CursorCodec } from "./cursor.js";
import type { ConnectCustomer } from "./records.js";
import type { ConnectCustomerStore } from "./seed.js";

export const CONNECT_SIM_API_KEY = "sim-connect-key";
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const ONE_CUSTOMER = /^\/customers\/([^/]+)$/;

/** The operations as /__sim/stats names them (docs/vendors/README.md). */
type ConnectOperation = "GET /customers" | "GET /customers/{id}";

/**
 * The Connect API over a seeded store. Read-only: the vendor's POST /customers is not part of this product,
 * so it is an unknown call here (404, not counted).
 */
export function connectHandler(store: ConnectCustomerStore, seed: number): VendorSimulator {
  const cursors = new CursorCodec(`connect-sim-${seed}`);

  function operation(req: SimRequest): ConnectOperation | null {
    if (req.method !== "GET") return null;
    if (req.path === "/customers") return "GET /customers";
    if (ONE_CUSTOMER.test(req.path)) return "GET /customers/{id}";
    return null;
  }

  function listCustomers(query: URLSearchParams): SimResponse {
    const limitParam = query.get("limit");
    const limit = limitParam === null ? DEFAULT_LIMIT : /^\d{1,9}$/.test(limitParam) ? Number(limitParam) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      const got = JSON.stringify(limitParam);
      return connectError(400, "BAD_REQUEST", `limit must be an integer between 1 and ${MAX_LIMIT}, got ${got}`);
    }
    // The docs call search "a free text search string"; the real vendor may match more than the name (email,
    // humanReadableId...). The simulator's choice: a case-insensitive substring of the name, nothing else.
    const needle = (query.get("search") ?? "").toLowerCase();
    const cursor = query.get("cursor");
    let position = 0;
    if (cursor !== null) {
      const decoded = cursors.decode(cursor, needle, store.size);
      if (decoded === null) {
        return connectError(400, "BAD_REQUEST", "cursor is not a valid pagination cursor for this search");
      }
      position = decoded;
    }

    const matches = (p: number) => needle === "" || store.nameContains(p, needle);
    const items: ConnectCustomer[] = [];
    while (position < store.size && items.length < limit) {
      if (matches(position)) items.push(store.at(position));
      position++;
    }
    // Look ahead to the next match so that a page ending exactly at the last match carries no nextCursor.
    while (position < store.size && !matches(position)) position++;
    const pagination = position < store.size ? { nextCursor: cursors.encode(position, needle) } : {};
    return { status: 200, body: { items, pagination } };
  }

  function getCustomer(path: string): SimResponse {
    const raw = ONE_CUSTOMER.exec(path)?.[1] ?? "";
    let customerId: string;
    try {
      customerId = decodeURIComponent(raw);
    } catch {
      customerId = raw;
    }
    const customer = store.find(customerId);
    return customer
      ? { status: 200, body: customer }
      : connectError(404, "NOT_FOUND", `customer ${JSON.stringify(customerId.slice(0, 80))} not found`);
  }

  return {
    vendor: "connect",
    operation,
    isWrite: () => false,
    handle(req) {
      const op = operation(req);
      if (op === null) return connectError(404, "NOT_FOUND", "no such call");
      const key = req.headers["x-api-key"];
      if (key === undefined) return connectError(401, "UNAUTHORIZED", "missing X-API-Key header");
      if (key !== CONNECT_SIM_API_KEY) return connectError(401, "UNAUTHORIZED", "invalid API key");
      switch (op) {
        case "GET /customers":
          return listCustomers(req.query);
        case "GET /customers/{id}":
          return getCustomer(req.path);
        default: {
          const never: never = op;
          throw new Error(`unhandled operation ${String(never)}`);
        }
      }
    },
  };
}

/** Every Connect error, whatever the status, has this one shape (the docs show none; the project's choice). */
function connectError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}
