import { createConnectSimulator } from "./connect.js";
import { createKometSimulator } from "./komet.js";
import { createRpmSimulator } from "./rpm.js";
import { createWmsSimulator } from "./wms.js";
import type { SimVendor, SimulatorFactory } from "./vendor-simulator.js";

export const SIMULATOR_FACTORIES: Record<SimVendor, SimulatorFactory> = {
  rpm: createRpmSimulator,
  wms: createWmsSimulator,
  komet: createKometSimulator,
  connect: createConnectSimulator,
};

/** Default sizes, varied so that paging code meets lists of different lengths (WMS's 48 is its docs' example). */
export const DEFAULT_SIZES: Record<SimVendor, number> = { rpm: 120, wms: 48, komet: 200, connect: 150 };
