import { isAbstractType, isObjectType, Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import type { DetailField } from "../src/model.js";

const DETAIL_FIELDS: ReadonlySet<string> = new Set<DetailField>(["website", "customFields", "contacts", "locations", "accounts"]);

/**
 * The Customer fields beyond a list record's (website, customFields, contacts, locations, accounts) that the
 * current field's selection reads: through aliases, inline fragments and named fragments on Customer or on an
 * interface Customer implements (Node). A field under @skip/@include counts as read: at worst the lookup then
 * reads the detail it might have spared, never a record that lacks a field asked for (and a field a list
 * record lacks still loads on demand).
 */
export function selectedDetailFields(info: GraphQLResolveInfo): Set<DetailField> {
  const found = new Set<DetailField>();
  const customer = info.schema.getType("Customer");
  const appliesToCustomer = (typeName: string | undefined) => {
    if (typeName === undefined || typeName === "Customer") return true;
    const type = info.schema.getType(typeName);
    return isObjectType(customer) && isAbstractType(type) && info.schema.isSubType(type, customer);
  };
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (DETAIL_FIELDS.has(selection.name.value)) found.add(selection.name.value as DetailField);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesToCustomer(selection.typeCondition?.name.value)) walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (!fragment || visited.has(name)) continue;
        visited.add(name);
        if (appliesToCustomer(fragment.typeCondition.name.value)) walk(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return found;
}
