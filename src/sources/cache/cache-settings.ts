/** The response cache's settings (VENDOR_CACHE_TTL_MS, VENDOR_CACHE_MAX_RECORDS); a TTL of 0 turns it off. */
export interface ResponseCacheSettings {
  /** How long a vendor answer is served without asking the vendor; after it, a change token or a re-read. */
  ttlMs: number;
  /** Customer records held across every entry (a list of 100 counts 100): the bound on its memory. */
  maxRecords: number;
}

/**
 * However often a change token confirms an entry, it is read again whole after this many TTLs: a bound on what
 * a token cannot see (a vendor clock further off than the allowance, a related list edited without touching
 * its customer's stamp, a customer deleted where only the list shows it).
 */
export const MAX_LIFETIME_IN_TTLS = 10;
