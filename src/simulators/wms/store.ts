import type { CustomerDetail, CustomerRow } from "./seed.js";

/** A customer exactly as the vendor writes it, fields in the doc's order. */
export interface WmsWireCustomer extends CustomerDetail {
  shortID: string;
  name: string;
  active: boolean;
  created: string;
  modified: string;
}

/** The fields POST /Customer accepts besides shortID; all optional strings. */
export const WRITABLE_FIELDS = [
  "name",
  "address1",
  "address2",
  "city",
  "state",
  "zip",
  "country",
  "phone",
  "fax",
  "email",
  "contact",
] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];
export type CustomerWrite = { shortID: string } & Partial<Record<WritableField, string>>;

export const SORT_FIELDS = ["shortID", "name", "created", "modified"] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface ListQuery {
  sort: SortField;
  descending: boolean;
  /** Epoch ms; keeps customers modified at or after it. */
  modifiedSince: number | undefined;
  page: number;
  pageSize: number;
}

const EMPTY_DETAIL: CustomerDetail = {
  address1: "",
  address2: "",
  city: "",
  state: "",
  zip: "",
  country: "",
  phone: "",
  fax: "",
  email: "",
  contact: "",
};

/** Ordinal comparison, like a binary collation: fast and the same on every machine. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const MAX_CACHED_FILTERS = 16;

/**
 * The simulator's customers. A deep page of a 100,000-customer list must answer without a scan per
 * request: the shortID order (the default) is kept sorted through every write, other orders and each
 * modifiedSince selection are computed once and cached until the next write.
 */
export class CustomerStore {
  private readonly byId = new Map<string, CustomerRow>();
  private readonly byShortId: CustomerRow[];
  private version = 0;
  private readonly sorted = new Map<SortField, { version: number; rows: CustomerRow[] }>();
  private readonly selections = new Map<string, { version: number; rows: CustomerRow[] }>();

  constructor(
    rows: CustomerRow[],
    private readonly generateDetail: (row: CustomerRow) => CustomerDetail,
  ) {
    for (const row of rows) this.byId.set(row.shortID, row);
    this.byShortId = [...rows].sort((a, b) => compareText(a.shortID, b.shortID));
  }

  get size(): number {
    return this.byId.size;
  }

  get(shortID: string): WmsWireCustomer | null {
    const row = this.byId.get(shortID);
    return row ? this.toWire(row) : null;
  }

  list(query: ListQuery): { customers: WmsWireCustomer[]; totalCount: number } {
    const rows = this.select(query.sort, query.modifiedSince);
    const total = rows.length;
    const start = (query.page - 1) * query.pageSize;
    const end = Math.min(start + query.pageSize, total);
    const customers: WmsWireCustomer[] = [];
    for (let k = start; k < end; k++) customers.push(this.toWire(rows[query.descending ? total - 1 - k : k]));
    return { customers, totalCount: total };
  }

  /**
   * The upsert of POST /Customer: fields left out keep their values on an update and are "" on a create;
   * a create is active, an update leaves `active` as it was (upserting a discontinued customer does not
   * bring it back).
   */
  save(input: CustomerWrite, now: number): { customer: WmsWireCustomer; created: boolean } {
    const existing = this.byId.get(input.shortID);
    const row: CustomerRow = existing ?? {
      seedIndex: null,
      shortID: input.shortID,
      name: "",
      active: true,
      created: now,
      modified: now,
      detail: { ...EMPTY_DETAIL },
    };
    const detail = this.detailOf(row);
    for (const field of WRITABLE_FIELDS) {
      const value = input[field];
      if (value === undefined) continue;
      if (field === "name") row.name = value;
      else detail[field] = value;
    }
    row.modified = now;
    if (!existing) this.insert(row);
    this.version++;
    return { customer: this.toWire(row), created: !existing };
  }

  /** Sets active false; false when there is no such customer. Repeating it changes nothing. */
  discontinue(shortID: string, now: number): boolean {
    const row = this.byId.get(shortID);
    if (!row) return false;
    if (row.active) {
      row.active = false;
      row.modified = now;
      this.version++;
    }
    return true;
  }

  private insert(row: CustomerRow): void {
    this.byId.set(row.shortID, row);
    let low = 0;
    let high = this.byShortId.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareText(this.byShortId[mid].shortID, row.shortID) < 0) low = mid + 1;
      else high = mid;
    }
    this.byShortId.splice(low, 0, row);
  }

  private ordered(sort: SortField): CustomerRow[] {
    if (sort === "shortID") return this.byShortId;
    const cached = this.sorted.get(sort);
    if (cached && cached.version === this.version) return cached.rows;
    // A stable sort of the shortID order: ties stay in shortID order.
    const rows = [...this.byShortId].sort(
      sort === "name" ? (a, b) => compareText(a.name, b.name) : (a, b) => a[sort] - b[sort],
    );
    this.sorted.set(sort, { version: this.version, rows });
    return rows;
  }

  private select(sort: SortField, modifiedSince: number | undefined): CustomerRow[] {
    const rows = this.ordered(sort);
    if (modifiedSince === undefined) return rows;
    const key = `${sort}|${modifiedSince}`;
    const cached = this.selections.get(key);
    if (cached && cached.version === this.version) return cached.rows;
    const selected = rows.filter((row) => row.modified >= modifiedSince);
    this.selections.delete(key);
    if (this.selections.size >= MAX_CACHED_FILTERS) {
      const oldest = this.selections.keys().next();
      if (!oldest.done) this.selections.delete(oldest.value);
    }
    this.selections.set(key, { version: this.version, rows: selected });
    return selected;
  }

  private detailOf(row: CustomerRow): CustomerDetail {
    row.detail ??= this.generateDetail(row);
    return row.detail;
  }

  private toWire(row: CustomerRow): WmsWireCustomer {
    const d = this.detailOf(row);
    return {
      shortID: row.shortID,
      name: row.name,
      address1: d.address1,
      address2: d.address2,
      city: d.city,
      state: d.state,
      zip: d.zip,
      country: d.country,
      phone: d.phone,
      fax: d.fax,
      email: d.email,
      contact: d.contact,
      active: row.active,
      created: formatWmsDateTime(row.created),
      modified: formatWmsDateTime(row.modified),
    };
  }
}

/** The vendor's datetime: ISO 8601 to the second, no zone (UTC by the project's reading). */
export function formatWmsDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}
