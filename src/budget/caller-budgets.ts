import type { Caller } from "../auth/caller.js";
import type { SharedState } from "../state/shared-state.js";
import { windowOf, type CallRate } from "./call-window.js";
import { WindowCounter } from "./window-counter.js";

/** What extensions.cost.caller shows, and what a refusal tells. */
export interface BudgetStanding {
  limit: number;
  remaining: number;
  resetsAt: Date;
}

export type Reservation =
  | { granted: true; standing: BudgetStanding; settle(actual: number): Promise<BudgetStanding> }
  | { granted: false; standing: BudgetStanding };

/**
 * Each caller's budget of vendor calls per window (`calls:<n>/<unit>` on its key, else CALLER_VENDOR_CALLS). A
 * request reserves its estimate before any call and settles to the calls it made when it ends, so a caller
 * spending its budget is refused alone: every other caller keeps its own.
 */
export class CallerBudgets {
  private readonly counter: WindowCounter;

  constructor(
    /** The budget of callers whose key names none (and of everyone when no keys are configured). */
    private readonly fallback: CallRate | undefined,
    state: SharedState,
    private readonly now: () => number = Date.now,
  ) {
    this.counter = new WindowCounter(state, "caller");
  }

  private rateOf(caller: Caller): CallRate | undefined {
    return caller.calls ?? this.fallback;
  }

  /** Undefined when the caller has no budget. */
  async reserve(caller: Caller, estimate: number): Promise<Reservation | undefined> {
    const rate = this.rateOf(caller);
    if (!rate) return undefined;
    const window = windowOf(rate.per, this.now());
    const standing = (remaining: number): BudgetStanding => ({ limit: rate.calls, remaining, resetsAt: new Date(window.endsAt) });
    const taken = await this.counter.take(caller.id, estimate, rate.calls, window);
    if (!taken.granted) return { granted: false, standing: standing(taken.remaining) };
    return {
      granted: true,
      standing: standing(taken.remaining),
      settle: async (actual) => standing((await this.counter.add(caller.id, actual - estimate, rate.calls, window)).remaining),
    };
  }
}
