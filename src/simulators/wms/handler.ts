/*
 * The WMS (InventoryPro) simulator: POST /Token, GET /Customer/All, GET|DELETE /Customer/{shortID},
 * POST /Customer, as in docs/vendors/wms.md.
 *
 * Choices where the docs are silent:
 * - /Token takes form fields only (as OAuth 2.0 asks); HTTP Basic credentials win over form fields when both
 *   are sent. A missing grant_type or another grant is 400 bad_request; a wrong client or secret is 401.
 *   The read-only client sim-wms-readonly (secret sim-wms-secret) has only permission 130, so writes get 403.
 * - Auth is checked before anything else; a token expires after expires_in (14399 s) by the handler's clock.
 * - page and pageSize must be whole numbers >= 1 when present (an empty value is invalid too); pageSize above
 *   250 is capped to 250. sort is one of shortID, name, created, modified (exact spelling), ties broken by
 *   shortID; direction is exactly ASC or DESC. Strings sort ordinally (a binary collation).
 * - modifiedSince is an ISO date or datetime; without a zone it is UTC, like the vendor's own datetimes.
 *   It keeps customers with modified >= modifiedSince.
 * - Paths are case-sensitive, shortIDs too. "All" (in any case) cannot be a shortID, since
 *   GET /Customer/All is the list.
 * - POST /Customer: shortID 1-20 letters, digits, '-' or '_', starting with a letter or digit; the other
 *   documented fields must be strings when present (null is refused); unknown fields, `active`, `created`
 *   and `modified` are ignored. A non-empty email must look like one. Every save stamps `modified` with the
 *   current time, to the second.
 * - DELETE of a discontinued customer is 204 again and does not touch `modified`.
 */
import type { SimRequest, SimResponse, SimulatorOptions, VendorSimulator } from "../vendor-simulator.js";
import { PERMISSION_READ, PERMISSION_WRITE, TokenIssuer } from "./auth.js";
import { createDetailGenerator, seedCustomers } from "./seed.js";
import {
  CustomerStore,
  SORT_FIELDS,
  WRITABLE_FIELDS,
  type CustomerWrite,
  type ListQuery,
  type SortField,
} from "./store.js";

export const MAX_PAGE_SIZE = 250;
const DEFAULT_PAGE_SIZE = 25;

type ErrorCode =
  | "bad_request"
  | "validation_error"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "not_implemented"
  | "internal_error";
type FieldErrors = Record<string, string[]>;

function wmsError(status: number, error: ErrorCode, message: string, details?: FieldErrors): SimResponse {
  return {
    status,
    ...(status === 401 ? { headers: { "www-authenticate": 'Bearer error="invalid_token"' } } : {}),
    body: { statusCode: status, error, message, ...(details ? { details } : {}) },
  };
}

const invalid = (details: FieldErrors) =>
  wmsError(400, "validation_error", "One or more fields are invalid.", details);

type Route =
  | { op: "Token" }
  | { op: "GET /Customer/All" }
  | { op: "GET /Customer/{id}"; id: string }
  | { op: "POST /Customer" }
  | { op: "DELETE /Customer/{id}"; id: string };

function route(req: SimRequest): Route | null {
  const parts = req.path.split("/");
  if (parts[0] !== "") return null;
  if (req.method === "POST" && req.path === "/Token") return { op: "Token" };
  if (parts[1] !== "Customer") return null;
  if (parts.length === 2) return req.method === "POST" ? { op: "POST /Customer" } : null;
  if (parts.length !== 3 || parts[2] === "") return null;
  const id = parts[2];
  if (req.method === "GET") return id === "All" ? { op: "GET /Customer/All" } : { op: "GET /Customer/{id}", id };
  if (req.method === "DELETE") return { op: "DELETE /Customer/{id}", id };
  return null;
}

/** The simulator with an injectable clock, so that tests can let tokens expire. */
export function createWmsSimulatorWithClock(options: SimulatorOptions, now: () => number = Date.now): VendorSimulator {
  const store = new CustomerStore(seedCustomers(options.seed, options.customers), createDetailGenerator(options.seed));
  const tokens = new TokenIssuer(now);
  // Writes stamp whole seconds, like every datetime the vendor writes.
  const stamp = () => Math.floor(now() / 1000) * 1000;

  function token(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.body);
    const grantType = form.get("grant_type");
    if (!grantType) return wmsError(400, "bad_request", "grant_type is required.");
    if (grantType !== "client_credentials") {
      return wmsError(400, "bad_request", `grant_type ${grantType} is not supported; use client_credentials.`);
    }
    const basic = basicCredentials(req.headers.authorization);
    const clientId = basic?.id ?? form.get("client_id") ?? "";
    const clientSecret = basic?.secret ?? form.get("client_secret") ?? "";
    const issued = tokens.issue(clientId, clientSecret);
    if (!issued) return wmsError(401, "unauthorized", "The client credentials are invalid.");
    return {
      status: 200,
      headers: { "cache-control": "no-store" },
      body: { access_token: issued.accessToken, token_type: "bearer", expires_in: issued.expiresIn },
    };
  }

  function list(req: SimRequest): SimResponse {
    const parsed = parseListQuery(req.query);
    if ("errors" in parsed) return invalid(parsed.errors);
    const { customers, totalCount } = store.list(parsed);
    const pageCount = Math.ceil(totalCount / parsed.pageSize);
    return {
      status: 200,
      headers: {
        "X-Total-Count": String(totalCount),
        "X-Page-Size": String(parsed.pageSize),
        "X-Page": String(parsed.page),
      },
      body: {
        value: customers,
        totalCount,
        page: parsed.page,
        pageSize: parsed.pageSize,
        pageCount,
        hasMore: parsed.page < pageCount,
      },
    };
  }

  function save(req: SimRequest): SimResponse {
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return wmsError(400, "bad_request", "The request body must be a JSON object.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return wmsError(400, "bad_request", "The request body must be a JSON object.");
    }
    const checked = checkCustomerWrite(body as Record<string, unknown>);
    if ("errors" in checked) return invalid(checked.errors);
    const { customer, created } = store.save(checked.input, stamp());
    return { status: created ? 201 : 200, body: customer };
  }

  return {
    vendor: "wms",
    operation: (req) => route(req)?.op ?? null,
    isWrite: (req) => {
      const op = route(req)?.op;
      return op === "POST /Customer" || op === "DELETE /Customer/{id}";
    },
    handle(req) {
      const r = route(req);
      if (!r) return wmsError(404, "not_found", "No such call.");
      if (r.op === "Token") return token(req);
      const write = r.op === "POST /Customer" || r.op === "DELETE /Customer/{id}";
      const auth = tokens.authorize(req.headers.authorization, write ? PERMISSION_WRITE : PERMISSION_READ);
      if (!auth.ok) return wmsError(auth.status, auth.status === 401 ? "unauthorized" : "forbidden", auth.reason);
      switch (r.op) {
        case "GET /Customer/All":
          return list(req);
        case "POST /Customer":
          return save(req);
        case "GET /Customer/{id}":
        case "DELETE /Customer/{id}": {
          const id = decodeSegment(r.id);
          if (id === null) return wmsError(400, "bad_request", "The customer id in the path is not valid.");
          if (r.op === "GET /Customer/{id}") {
            const customer = store.get(id);
            return customer ? { status: 200, body: customer } : notFound(id);
          }
          return store.discontinue(id, stamp()) ? { status: 204 } : notFound(id);
        }
        default: {
          const never: never = r;
          throw new Error(`unhandled route ${JSON.stringify(never)}`);
        }
      }
    },
  };
}

const notFound = (id: string) => wmsError(404, "not_found", `Customer '${id}' was not found.`);

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const WHOLE_NUMBER = /^[+-]?\d+$/;
const MODIFIED_SINCE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A date or datetime without a zone is UTC, as the vendor's own datetimes are. */
function asUtcIso(value: string): string {
  const withTime = value.includes("T") ? value : `${value}T00:00:00`;
  return /(Z|[+-]\d{2}:\d{2})$/.test(withTime) ? withTime : `${withTime}Z`;
}

function parseListQuery(query: URLSearchParams): ListQuery | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const positive = (name: "page" | "pageSize", fallback: number): number => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!WHOLE_NUMBER.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) {
      errors[name] = [`${name} must be a whole number of at least 1, got '${raw}'.`];
      return fallback;
    }
    return value;
  };
  const page = positive("page", 1);
  const pageSize = Math.min(positive("pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);

  const sortRaw = query.get("sort") ?? "shortID";
  const sort = SORT_FIELDS.find((f) => f === sortRaw);
  if (!sort) errors.sort = [`sort must be one of ${SORT_FIELDS.join(", ")}, got '${sortRaw}'.`];

  const direction = query.get("direction") ?? "ASC";
  if (direction !== "ASC" && direction !== "DESC") errors.direction = [`direction must be ASC or DESC, got '${direction}'.`];

  let modifiedSince: number | undefined;
  const since = query.get("modifiedSince");
  if (since !== null) {
    modifiedSince = MODIFIED_SINCE.test(since) ? Date.parse(asUtcIso(since)) : NaN;
    if (Number.isNaN(modifiedSince)) {
      errors.modifiedSince = [`modifiedSince must be a datetime like 2024-11-02T14:22:00, got '${since}'.`];
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { sort: sort as SortField, descending: direction === "DESC", modifiedSince, page, pageSize };
}

const SHORT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkCustomerWrite(body: Record<string, unknown>): { input: CustomerWrite } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const shortID = body.shortID;
  if (shortID === undefined || shortID === null || shortID === "") errors.shortID = ["shortID is required."];
  else if (typeof shortID !== "string" || !SHORT_ID.test(shortID)) {
    errors.shortID = ["shortID must be 1 to 20 letters, digits, '-' or '_', starting with a letter or digit."];
  } else if (shortID.toLowerCase() === "all") errors.shortID = ["shortID 'All' is reserved."];

  const input: CustomerWrite = { shortID: typeof shortID === "string" ? shortID : "" };
  for (const field of WRITABLE_FIELDS) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== "string") errors[field] = [`${field} must be a string.`];
    else input[field] = value;
  }
  if (input.email && !EMAIL.test(input.email)) errors.email = [`email '${input.email}' is not a valid email address.`];
  return Object.keys(errors).length > 0 ? { errors } : { input };
}
