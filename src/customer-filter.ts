import type { CustomerFilter, CustomerRecord, FilterField } from "./model.js";

/**
 * The unified meaning of each filter, applied to mapped records. Vendors that filter exactly this way do it
 * for us (Source.exactFilters); for the others these predicates are the filter, so results are the same
 * either way. Text matches are case-insensitive, as Komet's own filters are.
 */
export function matchesFilter(record: CustomerRecord, filter: CustomerFilter): boolean {
  if (filter.search !== undefined && !record.name.toLowerCase().includes(filter.search.toLowerCase())) return false;
  if (filter.code !== undefined && record.code?.toLowerCase() !== filter.code.toLowerCase()) return false;
  if (filter.active !== undefined && record.active !== filter.active) return false;
  if (filter.updatedSince !== undefined && !(record.updatedAt && record.updatedAt >= filter.updatedSince)) return false;
  if (filter.salesPersonId !== undefined && record.salesPerson?.id !== filter.salesPersonId) return false;
  return true;
}

/** The filters that are set, in a fixed order. */
export function activeFilterFields(filter: CustomerFilter): FilterField[] {
  return (["search", "code", "active", "updatedSince", "salesPersonId"] as const).filter((f) => filter[f] !== undefined);
}

/** A canonical text of a filter, for cursor scopes and per-request memo keys. */
export function filterKey(filter: CustomerFilter): string {
  return JSON.stringify(
    activeFilterFields(filter).map((f) => [f, filter[f] instanceof Date ? (filter[f] as Date).toISOString() : filter[f]]),
  );
}
