import { Gauge } from "prom-client";
import { metricsRegistry } from "./registry.js";

/** 1 while the state shared by every instance answers (always 1 in process), 0 while each instance is on its own. */
export const sharedStateAvailable = new Gauge({
  name: "customer_graph_shared_state_available",
  help: "1 while the shared state (Redis when REDIS_URL is set, else this process) answers; 0 while Redis is lost.",
  registers: [metricsRegistry],
});
