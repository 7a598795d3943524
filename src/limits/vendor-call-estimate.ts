import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import { activeFilterFields } from "../customer-filter.js";
import type { CustomerFilter, DetailField, SourceName } from "../model.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/connection-args.js";
import { planPages } from "../pagination/page-plan.js";
import type { Source } from "../sources/source.js";
import { argumentValue, listLength, pageSizeOf, variablesOf, type VariableValues } from "./argument-values.js";

/**
 * The length assumed for a paged vendor's whole list while this process has not seen it (no read has told its
 * total yet): 5,000 customers, i.e. 20 WMS pages of 250 or 6 Connect calls of 1,000. Once any read tells the
 * length (src/budget/list-sizes.ts), the estimate uses that.
 */
export const ASSUMED_LIST_LENGTH = 5_000;

/** Where an `after`/`before` cursor points, as far as the estimate needs: its source, offset, and resumability. */
export interface CursorPoint {
  part: string;
  offset: number;
  /** The cursor carries the vendor's own cursor (a forward-only vendor resumes there in one call). */
  resumable: boolean;
}

export interface EstimateContext {
  /** The sources the caller may see, in Source enum order. */
  sources: ReadonlyArray<Source>;
  /** The last length seen of a vendor's whole list, if any. */
  listLength(source: SourceName): number | undefined;
  /** null for a cursor that is not ours: the resolver refuses it before any call. */
  decodeCursor(cursor: string): CursorPoint | null;
  /** The response cache's change check: one call per vendor a request reads, when the cache is on. */
  cacheChecks: boolean;
}

export interface VendorCallEstimate {
  total: number;
  bySource: Partial<Record<SourceName, number>>;
  /** The root field (by its response name) that contributes most, with its calls. */
  top: { field: string; calls: number } | null;
}

const DETAIL_FIELDS: ReadonlySet<string> = new Set<DetailField>(["website", "customFields", "contacts", "locations", "accounts"]);
const RELATED_KINDS = ["contacts", "locations", "accounts"] as const;

/**
 * An upper bound of the vendor calls an operation can make, worked out before it runs from the operation, its
 * variables and what each vendor's Source declares (paging model, filters it applies, what a list record lacks,
 * related lists from calls of their own, calls per write). It follows the call plan of src/customer-sequence.ts,
 * src/pagination and src/loaders.ts:
 * - a natively paged read costs the pages that cover its window (src/pagination/page-plan.ts), plus one for a
 *   probe of what follows and one for a total;
 * - a filter applied here, and a backward page of a forward-only vendor (Connect), cost the vendor's whole list,
 *   once per request whatever the filters and aliases;
 * - a field needing a call per customer (RPM's detail, Komet's contacts and ship-tos) costs one per customer of
 *   the page, for each such call;
 * - `node`/`nodes`/`customer`/`customerBySourceId` cost one read per id, plus its related calls;
 * - a vendor a request touches may add its token request, and the response cache's change check.
 * Retries are not in it: they are counted as they happen, by the request's meter (src/budget/request-meter.ts),
 * which also stops any call beyond MAX_VENDOR_CALLS whatever this said.
 */
export function estimateVendorCalls(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: VariableValues | undefined,
  context: EstimateContext,
): VendorCallEstimate {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (operationName ? d.name?.value === operationName : true),
  );
  const bySource = new Map<SourceName, number>();
  if (!operation) return { total: 0, bySource: {}, top: null };
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const values = variablesOf(operation, variables);
  const sources = context.sources;
  const wholeReads = new Set<SourceName>();
  const touched = new Set<SourceName>();
  const byField = new Map<string, number>();

  const add = (field: string, source: SourceName, calls: number) => {
    if (calls <= 0) return;
    touched.add(source);
    bySource.set(source, (bySource.get(source) ?? 0) + calls);
    byField.set(field, (byField.get(field) ?? 0) + calls);
  };
  const fieldsOf = (set: SelectionSetNode | undefined) => collectFields(set, fragments);
  /** Calls each customer of a page costs for the selection on it, at the source. */
  const perCustomer = (source: Source, selected: ReadonlySet<string>) => {
    let calls = 0;
    let needsDetail = false;
    for (const field of selected) {
      if (!DETAIL_FIELDS.has(field)) continue;
      if (source.relatedCalls?.[field as (typeof RELATED_KINDS)[number]]) calls += 1;
      else if (source.listRecordLacks?.has(field as DetailField)) needsDetail = true;
    }
    return calls + (needsDetail ? 1 : 0);
  };
  /** Calls one lookup by id costs: the record (detail, or a list that answers several ids), then its related calls. */
  const perLookup = (source: Source, selected: ReadonlySet<string>, mayBeChild: boolean) => {
    const related = [...selected].filter((f) => source.relatedCalls?.[f as (typeof RELATED_KINDS)[number]]).length;
    // A Contact, Location or Account id is found in its customer's related list: one related call at most.
    return 1 + Math.max(related, mayBeChild && source.relatedCalls ? 1 : 0);
  };
  const wholeListCalls = (source: Source) => {
    const paging = source.paging;
    if (paging.model === "FULL_LIST") return 1;
    const length = context.listLength(source.name) ?? ASSUMED_LIST_LENGTH;
    // A forward-only vendor says it is done only by leaving out its cursor: a list that fills its last call
    // exactly may take one more, empty, call.
    if (paging.model === "NEXT_CURSOR") return Math.floor(length / paging.maxLimit) + 1;
    return Math.max(1, Math.ceil(length / paging.maxPageSize));
  };

  const connectionCost = (field: FieldNode, name: string) => {
    const count = pageSizeOf(field, values, { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
    const filter = (argumentValue(field, "filter", values) ?? {}) as Partial<CustomerFilter> & { sources?: unknown };
    const wanted = Array.isArray(filter.sources) ? new Set(filter.sources as string[]) : null;
    const parts = sources.filter((s) => !wanted || wanted.has(s.name));
    const active = activeFilterFields(filter as CustomerFilter);
    const after = cursorArg(field, "after");
    const before = cursorArg(field, "before");
    const backward = argumentValue(field, "last", values) != null || before !== null;
    const point = backward ? before : after;
    const at = point ? parts.findIndex((p) => p.name === point.part) : -1;
    const selected = fieldsOf(field.selectionSet);
    const customerFields = new Set([
      ...fieldsOf(selectionOf(field.selectionSet, "nodes", fragments)),
      ...fieldsOf(selectionOf(selectionOf(field.selectionSet, "edges", fragments), "node", fragments)),
    ]);
    const wholeRead = (source: Source) => {
      if (wholeReads.has(source.name)) return;
      wholeReads.add(source.name);
      add(name, source.name, wholeListCalls(source));
    };
    parts.forEach((source, index) => {
      const paging = source.paging;
      // A backward page of a forward-only vendor reads its whole list (shared by the request), as src/context.ts does.
      const native =
        paging.model !== "FULL_LIST" && !(backward && paging.model === "NEXT_CURSOR") && active.every((f) => source.exactFilters.has(f));
      // A page reads forward from its cursor's source, or backward from it: the others are read only for
      // totalCount, which is every part's length (a whole list, or a page-numbered vendor's first page).
      if (at >= 0 && (backward ? index > at : index < at)) {
        if (!selected.has("totalCount")) return;
        if (!native) wholeRead(source);
        else if (paging.model === "PAGE_NUMBER") add(name, source.name, 1);
        return;
      }
      const here = index === at ? point : null;
      if (!native) {
        wholeRead(source);
      } else if (paging.model === "PAGE_NUMBER") {
        const probeAndTotal = 1 + (selected.has("totalCount") ? 1 : 0);
        if (!backward) {
          add(name, source.name, planPages(here ? here.offset + 1 : 0, count, paging.maxPageSize).pages.length + probeAndTotal);
        } else {
          const end = here ? here.offset : (context.listLength(source.name) ?? ASSUMED_LIST_LENGTH);
          add(name, source.name, 1 + planPages(Math.max(0, end - count), count, paging.maxPageSize).pages.length + probeAndTotal);
        }
      } else if (paging.model === "NEXT_CURSOR") {
        // Forward only: from the vendor cursor ours carries, or walking from the start to the window.
        const start = here ? here.offset + 1 : 0;
        const walked = here && !here.resumable ? start + count : count;
        add(name, source.name, Math.ceil(walked / paging.maxLimit) + 1);
      }
      add(name, source.name, count * perCustomer(source, customerFields));
    });
  };

  const lookupCost = (field: FieldNode, name: string, ids: number, only: SourceName | null, mayBeChild: boolean) => {
    const selected = fieldsOf(field.selectionSet);
    const candidates = sources.filter((s) => only === null || s.name === only);
    if (candidates.length === 0 || ids === 0) return;
    // Which vendor each id names is told by the id itself, but not before the resolver decodes it: charge the
    // dearest candidate for every id (an upper bound).
    const dearest = candidates.reduce((a, b) => (perLookup(b, selected, mayBeChild) > perLookup(a, selected, mayBeChild) ? b : a));
    add(name, dearest.name, ids * perLookup(dearest, selected, mayBeChild));
  };

  const mutationCost = (field: FieldNode, name: string, write: "edit" | "upsert" | "discontinue") => {
    const writable = sources.filter((s) => s.writes?.[write]);
    if (writable.length === 0) return;
    const selected = fieldsOf(selectionOf(field.selectionSet, "customer", fragments));
    const costOf = (s: Source) => (s.writes?.callsPerWrite[write] ?? 1) + perCustomer(s, selected);
    const dearest = writable.reduce((a, b) => (costOf(b) > costOf(a) ? b : a));
    add(name, dearest.name, costOf(dearest));
  };

  function cursorArg(field: FieldNode, argument: string): CursorPoint | null {
    const value = argumentValue(field, argument, values);
    return typeof value === "string" ? context.decodeCursor(value) : null;
  }

  for (const field of rootFields(operation.selectionSet, fragments)) {
    const name = field.alias?.value ?? field.name.value;
    switch (field.name.value) {
      case "customers":
        connectionCost(field, name);
        break;
      case "customer":
        lookupCost(field, name, 1, null, false);
        break;
      case "customerBySourceId": {
        const source = argumentValue(field, "source", values);
        lookupCost(field, name, 1, typeof source === "string" ? (source as SourceName) : null, false);
        break;
      }
      case "node":
        lookupCost(field, name, 1, null, true);
        break;
      case "nodes":
        lookupCost(field, name, listLength(argumentValue(field, "ids", values)), null, true);
        break;
      case "_entities":
        lookupCost(field, name, listLength(argumentValue(field, "representations", values)), null, true);
        break;
      case "editCustomer":
        mutationCost(field, name, "edit");
        break;
      case "upsertCustomer":
        mutationCost(field, name, "upsert");
        break;
      case "discontinueCustomer":
        mutationCost(field, name, "discontinue");
        break;
      default:
        break; // sources, introspection, __typename: no vendor call
    }
  }
  for (const source of sources) {
    if (!touched.has(source.name)) continue;
    add("(token and cache checks)", source.name, (source.authCalls ?? 0) + (context.cacheChecks ? 1 : 0));
  }

  let top: VendorCallEstimate["top"] = null;
  for (const [field, calls] of byField) if (!top || calls > top.calls) top = { field, calls };
  const total = [...bySource.values()].reduce((a, b) => a + b, 0);
  return { total, bySource: Object.fromEntries(bySource), top };
}

/** The root fields of an operation, through fragments (a field under @skip/@include counts: an upper bound). */
function rootFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (s: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of s?.selections ?? []) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(fragments.get(selection.name.value)?.selectionSet, seen);
      }
    }
  };
  walk(set, new Set());
  return out;
}

/** The names of the fields a selection set selects, through fragments of any type condition. */
function collectFields(set: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  return new Set(rootFields(set ?? { kind: Kind.SELECTION_SET, selections: [] }, fragments).map((f) => f.name.value));
}

/** The merged selection sets of every `name` field selected in `set` (aliases and fragments included). */
function selectionOf(
  set: SelectionSetNode | undefined,
  name: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): SelectionSetNode | undefined {
  if (!set) return undefined;
  const selections = rootFields(set, fragments)
    .filter((f) => f.name.value === name)
    .flatMap((f) => f.selectionSet?.selections ?? []);
  return selections.length > 0 ? { kind: Kind.SELECTION_SET, selections } : undefined;
}
