import type { SourceName } from "../src/model.js";

/** The customer a contact, location or account belongs to: part of its global id. */
export interface Owner {
  source: SourceName;
  customerId: string;
}
