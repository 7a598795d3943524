/**
 * The Connect API simulator (docs/vendors/connect.md): GET /customers (search, limit, cursor) and
 * GET /customers/{customerId}, key in X-API-Key.
 *
 * Where the docs are silent, the simulator chooses:
 * - Errors: one JSON shape for every status, {"error": {"code", "message"}}, with codes UNAUTHORIZED (401, key
 *   missing or wrong), BAD_REQUEST (400: limit not an integer in 1..1000, a cursor it did not issue) and
 *   NOT_FOUND (404). Auth is checked before the parameters.
 * - limit defaults to 50 when absent. Cursors are opaque (base64url of a position and a check value) and bound
 *   to the search they were issued for; the last page has `"pagination": {}`, with no nextCursor even when it
 *   ends exactly at the last customer.
 * - search matches a case-insensitive substring of the name only; the real vendor's free-text search may match
 *   more fields. An empty search is no search.
 * - Order is by creation: createdAt ascending, ties (about one in fifty) by customerId.
 * - Each customer carries "createdAt" and "updatedAt" (RFC 3339, Z, whole seconds): the customers page shows
 *   no timestamps, but the vendor's docs say its timestamps are RFC 3339 with Z (docs/vendors/connect.md).
 * - Optional parts are left out rather than sent as null: referenceId, contact.msisdn, shipping (about 40% of
 *   customers have none), contactPerson (absent when users is empty), billing.defaultPaymentProfileId, and
 *   street2/state/region/attention in addresses. The contact person is one of the customer's users.
 * - customerType is CONSUMER or BUSINESS; user roles ADMIN or MEMBER; billing methods E_INVOICE, INVOICE, CARD,
 *   DIRECT_DEBIT; customerId and userId are UUIDs; humanReadableId is 3-4-3 characters like 29A-BY3Z-X78;
 *   metadata holds zero to three string keys.
 * - The docs' example values form the first customer ("John Smith"; "<string>" placeholders filled in).
 * - POST /customers exists at the vendor but not in this product: here it is an unknown call (404).
 */
import { connectHandler } from "./connect/handler.js";
import { ConnectCustomerStore } from "./connect/seed.js";
import type { SimulatorFactory } from "./vendor-simulator.js";

export const createConnectSimulator: SimulatorFactory = ({ customers, seed }) =>
  connectHandler(new ConnectCustomerStore(customers, seed), seed);
