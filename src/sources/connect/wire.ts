import { z } from "zod/v4";

/**
 * The Connect API's JSON, as its customers page documents it. Only what identifies a record is required
 * (customerId, name, a user's userId and name); everything else may be missing or null, since the docs show
 * every field filled in but the vendor's own records need not be.
 */
const text = z.string().nullish();

export const ConnectAddressSchema = z.object({
  street1: text,
  street2: text,
  city: text,
  zip: text,
  state: text,
  country: text,
  region: text,
  attention: text,
});
export type ConnectAddress = z.infer<typeof ConnectAddressSchema>;

export const ConnectUserSchema = z.object({
  userId: z.string().min(1),
  name: z.string(),
  role: text,
});
export type ConnectUser = z.infer<typeof ConnectUserSchema>;

/** RFC 3339 (docs/vendors/connect.md: "with Z"); an offset is accepted too, since it names the same instant. */
const timestampFormat = z.iso.datetime({ offset: true });
const timestamp = timestampFormat.nullish();
/** The very pattern the timestamp schema checks, for the fast reader (fast-customer-page.ts). */
export const CONNECT_TIMESTAMP: RegExp = timestampFormat.def.pattern!;

export const ConnectCustomerSchema = z.object({
  customerId: z.string().min(1),
  /** CONSUMER or BUSINESS in the docs; kept as text so that a new type does not make every page unreadable. */
  customerType: text,
  name: z.string(),
  contact: z.object({ email: text, msisdn: text }).nullish(),
  identity: text,
  preferredLocale: text,
  humanReadableId: text,
  referenceId: text,
  billing: z
    .object({
      method: text,
      currency: text,
      email: text,
      address: ConnectAddressSchema.nullish(),
      defaultPaymentProfileId: text,
      autoPay: z.boolean().nullish(),
    })
    .nullish(),
  users: z.array(ConnectUserSchema).nullish(),
  contactPerson: ConnectUserSchema.nullish(),
  shipping: z
    .object({
      name: text,
      address: ConnectAddressSchema.nullish(),
      msisdn: text,
      instructions: text,
    })
    .nullish(),
  /** Free-form: the docs show `{}`; values are read as text whatever their JSON type. */
  metadata: z.record(z.string(), z.unknown()).nullish(),
  /** Not on the customers page; the simulator sends them, the real vendor may not. */
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ConnectCustomer = z.infer<typeof ConnectCustomerSchema>;

export const ConnectCustomerPageSchema = z.object({
  items: z.array(ConnectCustomerSchema),
  /**
   * Required although it may be empty: an answer without it cannot say whether more pages follow, and reading
   * it as the last page would silently cut the list short.
   */
  pagination: z.object({ nextCursor: z.string().nullish() }),
});
export type ConnectCustomerPage = z.infer<typeof ConnectCustomerPageSchema>;
