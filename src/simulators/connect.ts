import type { SimulatorFactory } from "./vendor-simulator.js";

// Placeholder until the Connect simulator lands: answers every call as unknown.
export const createConnectSimulator: SimulatorFactory = () => ({
  vendor: "connect",
  operation: () => null,
  isWrite: () => false,
  handle: () => ({ status: 501 }),
});
