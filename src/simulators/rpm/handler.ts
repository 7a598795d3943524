import type { SimRequest, SimResponse, SimulatorFactory, VendorSimulator } from "../vendor-simulator.js";
import { RpmCustomerStore, type RpmCustomerChange, type RpmField } from "./store.js";

/** The simulator's fixed test key (docs/vendors/README.md), and one that always meets the daily limit. */
export const RPM_SIM_KEY = "sim-rpm-key";
export const RPM_SIM_LIMITED_KEY = "sim-rpm-limited";

const OPERATIONS = ["Customers", "Customer", "CustomerEdit"] as const;
type Operation = (typeof OPERATIONS)[number];

/** RPM's error strings, as its docs spell them. */
export const RPM_ERRORS = {
  keyRequired: "Valid key required",
  keyNotFound: "Key not found. Check the RpmApiKey header against the keys listed in RPM's API setup.",
  noCustomers: "No customers",
  notFound: "Customer not found",
  nameOrIdRequired: "Customer name or ID must be specified",
  nameTaken: "A customer with that name already exists",
  customerParamMissing: 'Call requires parameter: "Customer" which was not found',
} as const;

/** Every RPM answer is HTTP 200 with the payload or the error inside `Result`. */
const ok = (result: unknown): SimResponse => ({ status: 200, body: { Result: result } });
const fail = (message: string): SimResponse => ok({ Error: message });
const invalid = (param: string) => fail(`Invalid value for parameter: "${param}"`);

export const createRpmSimulator: SimulatorFactory = ({ customers, seed }): VendorSimulator => {
  const store = new RpmCustomerStore(customers, seed);
  const operationOf = (req: SimRequest): Operation | null =>
    OPERATIONS.find((op) => req.path === `/${op}`) ?? null;

  return {
    vendor: "rpm",
    operation: operationOf,
    isWrite: (req) => operationOf(req) === "CustomerEdit" && req.method === "POST",
    handle(req) {
      const op = operationOf(req);
      if (!op) return { status: 404, body: { error: "not_found", message: "No such call" } };
      if (req.method !== "POST") {
        return { status: 405, headers: { allow: "POST" }, body: { Result: { Error: "Method not allowed: use POST" } } };
      }
      const refused = authError(req);
      if (refused) return refused;
      let body: unknown;
      try {
        body = req.body.trim() === "" ? {} : JSON.parse(req.body);
      } catch {
        return fail("Request body is not valid JSON");
      }
      if (!isObject(body)) return fail("Request body must be a JSON object");
      switch (op) {
        case "Customers":
          return listCustomers(store);
        case "Customer":
          return getCustomer(store, body);
        case "CustomerEdit":
          return editCustomer(store, body);
        default: {
          const never: never = op;
          throw new Error(`unhandled RPM call ${String(never)}`);
        }
      }
    },
  };
};

function authError(req: SimRequest): SimResponse | null {
  const header = req.headers["rpmapikey"];
  const key = (Array.isArray(header) ? header[0] : header)?.trim() ?? "";
  if (key === "") return fail(RPM_ERRORS.keyRequired);
  // Some deployments answer a usage limit with an object instead of a string (docs/vendors/rpm.md).
  if (key === RPM_SIM_LIMITED_KEY) return ok({ Error: { Message: "API daily limit reached" } });
  if (key !== RPM_SIM_KEY) return fail(RPM_ERRORS.keyNotFound);
  return null;
}

function listCustomers(store: RpmCustomerStore): SimResponse {
  if (store.size === 0) return fail(RPM_ERRORS.noCustomers);
  const customers = new Array<ReturnType<RpmCustomerStore["summary"]>>(store.size);
  for (let i = 0; i < store.size; i++) customers[i] = store.summary(i);
  return ok({ Age: store.age, Customers: customers });
}

function getCustomer(store: RpmCustomerStore, body: Record<string, unknown>): SimResponse {
  const found = findCustomer(store, body.CustomerID, body.Customer);
  if ("error" in found) return found.error;
  return ok(store.record(found.index, body.IncludeLocations !== false));
}

function editCustomer(store: RpmCustomerStore, body: Record<string, unknown>): SimResponse {
  const input = body.Customer;
  if (input === undefined || input === null) return fail(RPM_ERRORS.customerParamMissing);
  if (!isObject(input)) return invalid("Customer");
  // With a CustomerID, Name is the new name; without one, Name only says which customer (docs/vendors/rpm.md).
  const byId = input.CustomerID !== undefined && input.CustomerID !== null;
  const found = findCustomer(store, input.CustomerID, byId ? undefined : input.Name);
  if ("error" in found) return found.error;

  const change: RpmCustomerChange = {};
  if (byId && input.Name !== undefined) {
    if (typeof input.Name !== "string") return invalid("Name");
    const name = input.Name.trim();
    if (name === "") return fail(RPM_ERRORS.nameOrIdRequired);
    const holder = store.indexOfName(name);
    if (holder !== -1 && holder !== found.index) return fail(RPM_ERRORS.nameTaken);
    change.name = name;
  }
  for (const key of ["Website", "Address"] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (value !== null && typeof value !== "string") return invalid(key);
    change[key === "Website" ? "website" : "address"] = value ?? "";
  }
  if (input.Fields !== undefined) {
    const fields = readFields(input.Fields);
    if (!fields) return invalid("Fields");
    change.fields = fields;
  }
  store.apply(found.index, change, new Date());
  return ok(store.record(found.index, true));
}

/** CustomerID wins over a name when both are given (docs/vendors/rpm.md). */
function findCustomer(
  store: RpmCustomerStore,
  id: unknown,
  name: unknown,
): { index: number } | { error: SimResponse } {
  let index: number;
  if (id !== undefined && id !== null) {
    if (typeof id !== "number" || !Number.isInteger(id)) return { error: invalid("CustomerID") };
    index = store.indexOfId(id);
  } else if (typeof name === "string" && name.trim() !== "") {
    index = store.indexOfName(name);
  } else {
    return { error: fail(RPM_ERRORS.nameOrIdRequired) };
  }
  return index === -1 ? { error: fail(RPM_ERRORS.notFound) } : { index };
}

function readFields(value: unknown): RpmField[] | null {
  if (!Array.isArray(value)) return null;
  const fields: RpmField[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.Field !== "string" || item.Field.trim() === "") return null;
    if (item.Value !== undefined && item.Value !== null && typeof item.Value !== "string") return null;
    // RPM keeps an emptied field as "" rather than dropping it.
    fields.push({ Field: item.Field, Value: typeof item.Value === "string" ? item.Value : "" });
  }
  return fields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
