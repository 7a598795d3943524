import type { AccountNode } from "../schema/account.type.js";
import type { ContactNode } from "../schema/contact.type.js";
import type { CustomerNode } from "../schema/customer.type.js";
import type { LocationNode } from "../schema/location.type.js";
import type { Owner } from "../schema/owner.js";
import type { GraphContext } from "../src/context.js";
import type { NodeRef } from "../src/ids.js";
import { customerKey } from "../src/loaders.js";
import type { CustomerRecord, DetailField, RelatedKind, RelatedRecords, SourceName } from "../src/model.js";

export type AnyNode = CustomerNode | ContactNode | LocationNode | AccountNode;

const TYPENAME = { contacts: "Contact", locations: "Location", accounts: "Account" } as const;
type ChildNode = { contacts: ContactNode; locations: LocationNode; accounts: AccountNode };

/** A customer's related records as schema nodes: each knows its owner, which its global id encodes. */
export function childNodes<K extends RelatedKind>(kind: K, owner: Owner, records: Array<RelatedRecords[K]>): Array<ChildNode[K]> {
  return records.map((r) => childNode(kind, owner, r) as ChildNode[K]);
}

/**
 * The added keys go before the spread on purpose: on Node 20's V8, `{ ...record, key }` copies through a slow
 * path (about 3 us a node, most of a nested `locations(first: 1)`'s cost), `{ key, ...record }` does not
 * (0.1 us). No record has these keys, so the order changes nothing else.
 */
export function childNode(kind: RelatedKind, owner: Owner, record: object): AnyNode {
  return { __typename: TYPENAME[kind], owner, ...record } as AnyNode;
}

/** A customer record as the schema's Customer node (keys before the spread: see childNode). */
export function customerNode(customer: CustomerRecord): CustomerNode {
  return { __typename: "Customer", ...customer };
}

/** A customer's related list, from the record when it came with it, else from the request's loaders. */
export async function relatedOf<K extends RelatedKind>(kind: K, customer: CustomerRecord, ctx: GraphContext) {
  const inline = customer[kind];
  const records = (inline ?? (await ctx.loaders.related[kind].load(customerKey(customer.source, customer.sourceId)))) as Array<
    RelatedRecords[K]
  >;
  return childNodes(kind, { source: customer.source, customerId: customer.sourceId }, records);
}

/** Every field a detail read adds: what a lookup needs when its caller cannot tell (the safe assumption). */
export const ALL_DETAIL_FIELDS: readonly DetailField[] = ["website", "customFields", "contacts", "locations", "accounts"];

/**
 * A customer by its vendor key, through the request's loaders: `needs` are the fields beyond a list record's the
 * caller will read (resolvers/selection.ts), so a FULL_LIST vendor's list may answer several ids in one call,
 * the list the request's `customers` connections share (see src/loaders.ts).
 */
export function loadCustomer(ctx: GraphContext, source: SourceName, id: string, needs: Iterable<DetailField> = ALL_DETAIL_FIELDS) {
  return ctx.loaders.lookup(customerKey(source, id), { needs, fullList: (s) => ctx.sequenceFor(s, {}) });
}

/**
 * Resolves what a global id names, through the request's loaders (so repeats and mixes batch); null if none.
 * `needs`: the detail fields selected on Customer (all of them when not told).
 */
export async function lookupNode(ref: NodeRef, ctx: GraphContext, needs: ReadonlySet<DetailField> = new Set(ALL_DETAIL_FIELDS)): Promise<AnyNode | null> {
  if (!ctx.sources.has(ref.source)) return null;
  const kind: RelatedKind | null = ref.type === "Customer" ? null : ref.type === "Contact" ? "contacts" : ref.type === "Location" ? "locations" : "accounts";
  // A contact, location or account is found in its customer's related list: that is all the lookup needs then.
  const customer = await loadCustomer(ctx, ref.source, ref.customerId, kind ? [kind] : needs);
  if (!customer) return null;
  if (kind === null || ref.type === "Customer") return customerNode(customer);
  const children = await relatedOf(kind, customer, ctx);
  return children.find((c) => c.sourceId === ref.childId) ?? null;
}
