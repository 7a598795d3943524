import type { AccountNode } from "../schema/account.type.js";
import type { ContactNode } from "../schema/contact.type.js";
import type { CustomerNode } from "../schema/customer.type.js";
import type { LocationNode } from "../schema/location.type.js";
import type { Owner } from "../schema/owner.js";
import type { GraphContext } from "../src/context.js";
import type { NodeRef } from "../src/ids.js";
import { customerKey } from "../src/loaders.js";
import type { CustomerRecord, RelatedKind, RelatedRecords } from "../src/model.js";

export type AnyNode = CustomerNode | ContactNode | LocationNode | AccountNode;

const TYPENAME = { contacts: "Contact", locations: "Location", accounts: "Account" } as const;
type ChildNode = { contacts: ContactNode; locations: LocationNode; accounts: AccountNode };

/** A customer's related records as schema nodes: each knows its owner, which its global id encodes. */
export function childNodes<K extends RelatedKind>(kind: K, owner: Owner, records: Array<RelatedRecords[K]>): Array<ChildNode[K]> {
  return records.map((r) => ({ ...r, __typename: TYPENAME[kind], owner }) as ChildNode[K]);
}

/** A customer's related list, from the record when it came with it, else from the request's loaders. */
export async function relatedOf<K extends RelatedKind>(kind: K, customer: CustomerRecord, ctx: GraphContext) {
  const inline = customer[kind];
  const records = (inline ?? (await ctx.loaders.related[kind].load(customerKey(customer.source, customer.sourceId)))) as Array<
    RelatedRecords[K]
  >;
  return childNodes(kind, { source: customer.source, customerId: customer.sourceId }, records);
}

/** Resolves what a global id names, through the request's loaders (so repeats and mixes batch); null if none. */
export async function lookupNode(ref: NodeRef, ctx: GraphContext): Promise<AnyNode | null> {
  if (!ctx.sources.has(ref.source)) return null;
  const customer = await ctx.loaders.customers.load(customerKey(ref.source, ref.customerId));
  if (!customer) return null;
  if (ref.type === "Customer") return { ...customer, __typename: "Customer" };
  const kind: RelatedKind = ref.type === "Contact" ? "contacts" : ref.type === "Location" ? "locations" : "accounts";
  const children = await relatedOf(kind, customer, ctx);
  return children.find((c) => c.sourceId === ref.childId) ?? null;
}
