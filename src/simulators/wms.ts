import { createWmsSimulatorWithClock } from "./wms/handler.js";
import type { SimulatorFactory } from "./vendor-simulator.js";

/** The WMS simulator (see src/simulators/wms/handler.ts for the choices it makes where the docs are silent). */
export const createWmsSimulator: SimulatorFactory = (options) => createWmsSimulatorWithClock(options);
