import type { SimulatorFactory } from "./vendor-simulator.js";

// Placeholder until the Rpm simulator lands: answers every call as unknown.
export const createRpmSimulator: SimulatorFactory = () => ({
  vendor: "rpm",
  operation: () => null,
  isWrite: () => false,
  handle: () => ({ status: 501 }),
});
