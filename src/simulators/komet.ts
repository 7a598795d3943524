import type { SimulatorFactory } from "./vendor-simulator.js";

// Placeholder until the Komet simulator lands: answers every call as unknown.
export const createKometSimulator: SimulatorFactory = () => ({
  vendor: "komet",
  operation: () => null,
  isWrite: () => false,
  handle: () => ({ status: 501 }),
});
