import type { SimResponse, SimulatorFactory } from "../vendor-simulator.js";
import { KometStore, type KometCustomerRow, type KometShipToWire } from "./seed.js";

export const KOMET_SIM_TOKEN = "sim-komet-token";
/** A token whose daily request budget is always spent, so the limit failure can be produced on demand. */
export const KOMET_SIM_LIMITED_TOKEN = "sim-komet-limited";

const OPERATIONS: Readonly<Record<string, string>> = {
  "/customer.list": "customer.list",
  "/customer.contact.list": "customer.contact.list",
  "/customer.shipto.list": "customer.shipto.list",
};

const INTEGER = /^\d{1,20}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Komet's failure: always HTTP 200, told apart from success only by the status string. */
class KometFailure extends Error {}

export const createKometSimulator: SimulatorFactory = ({ customers, seed }) => {
  const store = new KometStore(seed, customers);
  return {
    vendor: "komet",
    operation: (req) => OPERATIONS[req.path] ?? null,
    isWrite: () => false,
    handle(req) {
      const operation = OPERATIONS[req.path];
      try {
        if (req.method !== "GET") throw new KometFailure("Method not allowed: use GET");
        authenticate(req.query);
        switch (operation) {
          case "customer.list":
            return ok({ customers: listCustomers(store, req.query).map(customerWire) });
          case "customer.contact.list":
            return ok({ contacts: store.contacts(customerId(store, req.query)) });
          case "customer.shipto.list":
            return ok({ shiptos: listShipTos(store, req.query) });
          default:
            return { status: 404, body: { status: "0", message: "Unknown method" } };
        }
      } catch (err) {
        if (err instanceof KometFailure) return { status: 200, body: { status: "0", message: err.message } };
        throw err;
      }
    },
  };
};

function ok(payload: Record<string, unknown>): SimResponse {
  return { status: 200, body: { status: "1", message: "OK", ...payload } };
}

function authenticate(query: URLSearchParams): void {
  const token = query.get("authenticationToken");
  if (token === KOMET_SIM_LIMITED_TOKEN) throw new KometFailure("Daily request limit exceeded");
  if (token !== KOMET_SIM_TOKEN) throw new KometFailure("Invalid authentication token");
}

function listCustomers(store: KometStore, query: URLSearchParams): KometCustomerRow[] {
  const id = integerParam(query, "id");
  const salesPersonId = integerParam(query, "salesPersonId");
  const locationId = integerParam(query, "locationId");
  const code = param(query, "code")?.toLowerCase();
  const name = param(query, "name")?.toLowerCase();
  const updateAsOf = dateParam(query, "updateAsOf");
  const includeInactive = param(query, "includeInactive");
  if (includeInactive !== undefined && !/^(true|false)$/i.test(includeInactive)) {
    throw new KometFailure("Invalid value for parameter includeInactive: must be true or false");
  }
  const activeOnly = includeInactive?.toLowerCase() !== "true";
  // Rows are seeded in id order, which is the order Komet answers in.
  return store.customers.filter(
    (c) =>
      (!activeOnly || c.active) &&
      (id === undefined || c.id === id) &&
      (salesPersonId === undefined || c.salesPersonId === salesPersonId) &&
      (locationId === undefined || c.locationId === locationId) &&
      // "Filters are not case-sensitive", the exact ones included; name is a LIKE %name%.
      (code === undefined || c.code.toLowerCase() === code) &&
      (name === undefined || c.name.toLowerCase().includes(name)) &&
      (updateAsOf === undefined || c.updatedOn.slice(0, 10) >= updateAsOf),
  );
}

/**
 * The published rules: at least one of customerId, name and updateAsOf; `id` exact, `name` a LIKE. Without a
 * customer every customer's ship-tos are searched (the graph never asks that: a ship-to names no customer).
 */
function listShipTos(store: KometStore, query: URLSearchParams): KometShipToWire[] {
  const customer = param(query, "customerId") === undefined ? undefined : customerId(store, query);
  const id = integerParam(query, "id");
  const name = param(query, "name")?.toLowerCase();
  const updateAsOf = dateParam(query, "updateAsOf");
  if (customer === undefined && name === undefined && updateAsOf === undefined) {
    throw new KometFailure("You must send at least one of these parameters: customerId, name or updateAsOf");
  }
  const candidates = customer === undefined ? store.customers.flatMap((c) => store.shipTos(c.id) ?? []) : (store.shipTos(customer) ?? []);
  return candidates.filter(
    (s) =>
      (id === undefined || s.id === id) &&
      (name === undefined || s.name.toLowerCase().includes(name)) &&
      (updateAsOf === undefined || s.updatedAsOf >= updateAsOf),
  );
}

function customerId(store: KometStore, query: URLSearchParams): number {
  const id = integerParam(query, "customerId");
  if (id === undefined) throw new KometFailure("Missing parameter customerId");
  if (!store.byId(id)) throw new KometFailure("Customer not found");
  return id;
}

/** The doc's mix of types: id and active as strings, salesPersonId as a number; absent values leave their key out. */
function customerWire(c: KometCustomerRow): Record<string, string | number> {
  const wire: Record<string, string | number> = { id: String(c.id) };
  if (c.accountingCode !== null) wire.accountingCode = c.accountingCode;
  wire.customerType = c.customerType;
  if (c.salesPerson !== null) wire.salesPerson = c.salesPerson;
  wire.name = c.name;
  if (c.salesPersonId !== null) wire.salesPersonId = c.salesPersonId;
  wire.active = c.active ? "1" : "0";
  wire.code = c.code;
  wire.updatedOn = c.updatedOn;
  return wire;
}

/** An empty parameter counts as absent, as a form-style GET usually treats it. */
function param(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === "" ? undefined : value;
}

function integerParam(query: URLSearchParams, name: string): number | undefined {
  const value = param(query, name);
  if (value === undefined) return undefined;
  if (!INTEGER.test(value)) throw new KometFailure(`Invalid value for parameter ${name}: must be an integer`);
  return Number(value);
}

function dateParam(query: URLSearchParams, name: string): string | undefined {
  const value = param(query, name);
  if (value === undefined) return undefined;
  const m = DATE.exec(value);
  const date = m ? new Date(`${value}T00:00:00Z`) : null;
  if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new KometFailure(`Invalid value for parameter ${name}: must be a date as YYYY-MM-DD`);
  }
  return value;
}
