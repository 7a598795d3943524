import type { DocumentNode } from "graphql";
import type { VariableValues } from "../limits/argument-values.js";
import { estimateVendorCalls, type EstimateContext, type VendorCallEstimate } from "../limits/vendor-call-estimate.js";

/** Variable sets remembered per document: enough for a client's usual shapes, bounded against one-off values. */
const SHAPES_PER_DOCUMENT = 32;
/** Variables longer than this as JSON are estimated afresh: keying them would cost what the estimate costs. */
const MAX_KEY_LENGTH = 2_000;

/**
 * The vendor-call estimate of an operation, worked out once per document, operation name, variables and caller's
 * sources, as the query limits are once per document (src/limits/query-limits.plugin.ts): Apollo hands the same
 * DocumentNode for the same text, and most requests repeat a text with the same variables. An estimate that
 * read a vendor's list length (a whole-list read, a backward page) is not kept: that length changes as reads
 * teach it, and the estimate must follow. Weak per document: one Apollo's cache drops is dropped here too.
 */
export class EstimateCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, VendorCallEstimate>>();

  estimate(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: VariableValues | undefined,
    context: EstimateContext,
  ): VendorCallEstimate {
    const vars = variables === undefined ? "" : JSON.stringify(variables);
    if (vars.length > MAX_KEY_LENGTH) return estimateVendorCalls(document, operationName, variables, context);
    const key = `${operationName ?? ""}|${context.cacheChecks ? 1 : 0}|${context.sources.map((s) => s.name).join(",")}|${vars}`;
    const known = this.byDocument.get(document);
    const hit = known?.get(key);
    if (hit) return hit;
    let readsLengths = false;
    const estimate = estimateVendorCalls(document, operationName, variables, {
      ...context,
      listLength: (source) => ((readsLengths = true), context.listLength(source)),
    });
    if (!readsLengths) {
      const shapes = known ?? new Map<string, VendorCallEstimate>();
      if (!known) this.byDocument.set(document, shapes);
      if (shapes.size < SHAPES_PER_DOCUMENT) shapes.set(key, estimate);
    }
    return estimate;
  }
}
