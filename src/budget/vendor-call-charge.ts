import { ErrorCode, VendorError } from "../errors.js";
import type { SourceName } from "../model.js";
import type { RequestMeter } from "./request-meter.js";

/**
 * Every vendor call passes here just before it goes on the wire (src/sources/vendor-client.ts): the request's
 * own bound first, then the vendor's daily quota. A refusal throws, and the call is not made. `meter` is the
 * request's, carried on the VendorRequest from wherever the request started the call (passed explicitly, not
 * through AsyncLocalStorage, whose promise hooks cost every promise in the process CPU on Node 20); a call
 * made for no request has none and is neither counted nor refused.
 */
export function chargeVendorCall(meter: RequestMeter | undefined, source: SourceName, operation: string, write: boolean): Promise<void> | void {
  if (!meter) return;
  meter.take(source, operation);
  const spent = meter.quotas?.spend(source, write, operation);
  if (spent) {
    return spent.catch((err: unknown) => {
      meter.giveBack(source);
      throw err;
    });
  }
}

/**
 * A vendor's own answer that its daily limit is reached (RPM's "API daily limit reached", Komet's "Daily request
 * limit exceeded"; both come as UPSTREAM_RATE_LIMITED with no Retry-After, and the vendor clients name them
 * "daily" in the detail): its quota is spent until the reset, so the service stops calling it.
 */
export async function noteVendorRefusal(err: VendorError, meter: RequestMeter | undefined): Promise<void> {
  if (err.code !== ErrorCode.UPSTREAM_RATE_LIMITED || err.options.retryAfterMs !== undefined || !/daily/i.test(err.detail)) return;
  await meter?.quotas?.markSpent(err.source);
}
