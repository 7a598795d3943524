/**
 * The RPM simulator: `POST /rpm/<Call>` for Customers, Customer and CustomerEdit (docs/vendors/rpm.md).
 *
 * Choices it makes where RPM's documentation is silent:
 * - Keys: `sim-rpm-key` is valid; `sim-rpm-limited` always gets the object-shaped daily-limit error
 *   `{"Result":{"Error":{"Message":"API daily limit reached"}}}`, so that shape can be tested at will; any other
 *   key gets "Key not found. ..." and a missing or blank one "Valid key required". Auth is checked before the body.
 * - A call with a method other than POST gets 405 (still counted). A body that is not a JSON object gets a
 *   string error in the usual envelope, as does a parameter of the wrong type
 *   (`Invalid value for parameter: "CustomerID"`). CustomerAdd is not simulated (not part of the product): 404.
 * - CustomerIDs rise in steps of 1 to 5 (gaps like deleted customers leave); the list is in CustomerID order.
 *   Names are unique and compared case-insensitively (lookup by name, rename conflicts); renaming a customer to
 *   its own name in another case is not a conflict.
 * - The docs show no example records, so the first two customers are hand-written: 1001 "Maple Ridge Dental
 *   Group" (every kind of detail, Added "1/20/2007" as in the docs) and 1005 "Quill & Compass Consulting"
 *   (no website, fields, contacts, locations or accounts). Faker records follow.
 * - Dates: newer-style `2024-11-02T14:22:00` (no zone, UTC). Every 4th customer's Added and every 8th's Modified
 *   use the older `M/D/YYYY`, as records migrated from an older deployment would. Writes stamp Modified with the
 *   real time in the newer style.
 * - `Age` starts at 1000 and grows by one with every CustomerEdit; a customer's own `Age` is the list Age of its
 *   last edit (1000 if never edited). Every CustomerEdit counts as an edit, even one that changes nothing.
 * - Absent values are empty strings (`"Website": ""`, `"Email": ""`), never missing keys or null. Phone Type is
 *   the enum's number (Business 1, Home 2, Fax 3, Other 6). Location `Address` is a string (the docs'
 *   `<Date>` there is a typo). Aliases, Notes and NotesForStaff are always empty.
 * - CustomerEdit: `Address` sets the primary location's Address, creating a primary location named "Primary"
 *   when there is none; Fields are set by exact field name, created when absent, a null Value stored as "";
 *   a blank new Name gets "Customer name or ID must be specified". The answer is the full record, Locations
 *   included.
 */
export { createRpmSimulator, RPM_SIM_KEY, RPM_SIM_LIMITED_KEY } from "./rpm/handler.js";
