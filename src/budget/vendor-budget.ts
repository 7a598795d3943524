import type { BudgetConfig } from "../config.js";
import type { SharedState } from "../state/shared-state.js";
import { CallerBudgets } from "./caller-budgets.js";
import { ListSizes } from "./list-sizes.js";
import { RequestMeter } from "./request-meter.js";
import { VendorQuotas } from "./vendor-quotas.js";

/**
 * The bounds on vendor calls, as the server holds them: per request (MAX_VENDOR_CALLS, a fresh RequestMeter for
 * each), per caller and window (CallerBudgets), per vendor-day (VendorQuotas), the last two on the shared state
 * so that every instance counts against the same figures.
 */
export class VendorBudget {
  readonly listSizes = new ListSizes();
  readonly quotas: VendorQuotas;
  readonly callers: CallerBudgets;

  constructor(
    readonly settings: BudgetConfig,
    state: SharedState,
    now: () => number = Date.now,
  ) {
    this.quotas = new VendorQuotas(
      { daily: settings.dailyCalls, resetMinute: settings.quotaResetMinute, writeReserve: settings.writeReserve },
      state,
      now,
    );
    this.callers = new CallerBudgets(settings.callerCalls, state, now);
  }

  newMeter(): RequestMeter {
    return new RequestMeter(this.settings.maxVendorCalls, this.quotas);
  }
}
