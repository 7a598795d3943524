/**
 * The Komet Sales simulator (customer.list, customer.contact.list, customer.shipto.list under /komet).
 *
 * Where the docs are silent, it chooses:
 * - Auth: `authenticationToken` must be `sim-komet-token`; missing or any other value answers status "0"
 *   "Invalid authentication token". The token `sim-komet-limited` always answers status "0" "Daily request
 *   limit exceeded", so the daily-limit failure can be produced on demand.
 * - Every answer, failures included, is HTTP 200 with a string status ("1"/"0") and a message; a call other
 *   than GET answers status "0" too. Bad parameter values (id, salesPersonId, locationId or customerId not an
 *   integer, includeInactive not true/false, updateAsOf not a real YYYY-MM-DD date) answer status "0" with a
 *   message naming the parameter. An empty parameter counts as absent.
 * - Filters: the doc says filters are not case-sensitive, so code is an exact match ignoring case; name is a
 *   case-insensitive substring taken literally (no LIKE wildcards); updateAsOf keeps customers whose updatedOn
 *   date is on or after it. includeInactive defaults to false. The answer is ordered by id.
 * - Each customer has a locationId (1 to 3) for the locationId filter; the documented output has no such
 *   field, so it is never sent.
 * - The doc's two sample customers come first with their exact values and types; the rest are faker
 *   customers with higher ids in the same mix of types (id and active as strings, salesPersonId a number),
 *   some inactive, some without accountingCode or salesperson keys, sharing a handful of salespeople.
 * - Contacts and ship-tos come in the fields Komet's API pages publish for them (see komet/seed.ts): ids as
 *   numbers and emailPOD a boolean as in the contacts page's sample, every other value a string, "" for none.
 *   An unknown customerId answers status "0" "Customer not found"; a ship-to search by name or updateAsOf alone
 *   looks through every customer's ship-tos.
 */
export { createKometSimulator } from "./komet/handler.js";
