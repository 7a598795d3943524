import { BREAK, getEnterLeaveForKind, type ASTNode, type ASTVisitor, type ASTVisitFn, type Kind } from "graphql";

type Handlers = { enter: Array<ASTVisitFn<ASTNode> | undefined>; leave: Array<ASTVisitFn<ASTNode> | undefined> };

/**
 * graphql's visitInParallel, with each visitor's handlers for a node kind looked up when the document first has
 * a node of that kind. graphql's looks up every visitor's handlers for all 49 kinds before visiting: for
 * validation's 27 rules that is 1,300 reads of properties most visitors lack, each on an object of its own shape,
 * which in a server busy with other code cost about 0.2 ms a document (bench/cpu-profile.ts, distinct-1000). A
 * query has about ten kinds. Otherwise the same: a visitor whose enter returns false skips that node's subtree,
 * one that returns BREAK stops, and the first other value returned replaces the node (validation returns none).
 */
export function lazyParallelVisitor(visitors: readonly ASTVisitor[]): ASTVisitor {
  const skipping: Array<ASTNode | typeof BREAK | null> = visitors.map(() => null);
  const byKind = new Map<Kind, Handlers>();
  const handlersOf = (kind: Kind): Handlers => {
    let handlers = byKind.get(kind);
    if (!handlers) {
      handlers = { enter: [], leave: [] };
      for (const visitor of visitors) {
        const { enter, leave } = getEnterLeaveForKind(visitor, kind);
        handlers.enter.push(enter);
        handlers.leave.push(leave);
      }
      byKind.set(kind, handlers);
    }
    return handlers;
  };
  return {
    enter(...args: Parameters<ASTVisitFn<ASTNode>>) {
      const node = args[0];
      const { enter } = handlersOf(node.kind);
      for (let i = 0; i < visitors.length; i++) {
        if (skipping[i] !== null) continue;
        const result: unknown = enter[i]?.apply(visitors[i], args);
        if (result === false) skipping[i] = node;
        else if (result === BREAK) skipping[i] = BREAK;
        else if (result !== undefined) return result;
      }
      return undefined;
    },
    leave(...args: Parameters<ASTVisitFn<ASTNode>>) {
      const node = args[0];
      const { leave } = handlersOf(node.kind);
      for (let i = 0; i < visitors.length; i++) {
        if (skipping[i] === null) {
          const result: unknown = leave[i]?.apply(visitors[i], args);
          if (result === BREAK) skipping[i] = BREAK;
          else if (result !== undefined && result !== false) return result;
        } else if (skipping[i] === node) {
          skipping[i] = null;
        }
      }
      return undefined;
    },
  } as ASTVisitor;
}
