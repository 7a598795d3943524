import { z } from "zod/v4";

/**
 * The WMS wire format (docs/vendors/wms.md). Optional text comes as "" when empty;
 * null is accepted as the same thing, since nothing in the docs promises the vendor never sends it.
 */

/** ISO 8601 to the second, normally without a zone ("2023-04-15T08:30:00"); fractions and zones tolerated. */
export const WMS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

const text = z.string().nullable().optional();
const datetime = z.string().regex(WMS_DATETIME, "not a WMS datetime").nullable().optional();

export const WmsCustomerSchema = z.object({
  shortID: z.string().min(1),
  name: text,
  address1: text,
  address2: text,
  city: text,
  state: text,
  zip: text,
  country: text,
  phone: text,
  fax: text,
  email: text,
  contact: text,
  active: z.boolean(),
  created: datetime,
  modified: datetime,
});
export type WmsCustomer = z.infer<typeof WmsCustomerSchema>;

/** The paging envelope every WMS list answers with. */
export const WmsCustomerPageSchema = z.object({
  value: z.array(WmsCustomerSchema),
  totalCount: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  pageCount: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type WmsCustomerPage = z.infer<typeof WmsCustomerPageSchema>;

/** The OAuth 2.0 token answer; expires_in is only RECOMMENDED by RFC 6749, so it may be absent. */
export const WmsTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, "token_type must be bearer"),
  // Some token servers send it as a string ("14399").
  expires_in: z.coerce.number().positive().optional(),
});

/** The error body of every non-2xx answer (errors page). */
export const WmsErrorSchema = z.object({
  statusCode: z.number().int().optional(),
  error: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.array(z.string())).optional(),
});

/** The fields POST /Customer takes; shortID matches the record to update, the rest change when present. */
export interface WmsCustomerInput {
  shortID: string;
  name?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
  fax?: string;
  email?: string;
  contact?: string;
}
