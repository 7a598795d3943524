import type { SimulatorFactory } from "./vendor-simulator.js";

// Placeholder until the Wms simulator lands: answers every call as unknown.
export const createWmsSimulator: SimulatorFactory = () => ({
  vendor: "wms",
  operation: () => null,
  isWrite: () => false,
  handle: () => ({ status: 501 }),
});
