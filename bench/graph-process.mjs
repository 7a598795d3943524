// The graph under test, run as `npm start` runs it: compiled JavaScript from dist/ (`npm run build`), no tsx,
// with `npm start`'s Node flags (bench/processes.ts reads them from package.json). Plain JavaScript so that no
// TypeScript loader sits in the process whose memory is measured. Forked by bench/processes.ts; argv: the
// configuration's environment (JSON, from bench/server-env.ts, as server-process.ts reads it), and optionally
// startApp's bench options. It answers {type: "ready", url}, empties the response cache on
// {type: "clear-cache"} (answering {type: "cache-cleared"}), and exits on {type: "stop"} or when the parent goes.
const { loadConfig } = await import("../dist/src/config.js");
const { createLogger } = await import("../dist/src/logger.js");
const { startApp } = await import("../dist/src/app.js");
const { buildGraphSchema } = await import("../dist/resolvers/build-schema.js");

// argv[3], optional: startApp's bench options (JSON), e.g. {"budgetAccounting": false} for variant graph-no-budget.
const benchOptions = process.argv[3] ? JSON.parse(process.argv[3]) : {};
const app = await startApp(loadConfig(JSON.parse(process.argv[2])), await buildGraphSchema(), createLogger("silent"), benchOptions);
process.send?.({ type: "ready", url: app.graph.url });
const stop = () => void app.close().finally(() => process.exit(0));
process.on("message", (message) => {
  if (message?.type === "stop") stop();
  // The bench's call check measures one request on a cold cache: it empties the cache before each.
  if (message?.type === "clear-cache") {
    app.responseCache?.clear();
    process.send?.({ type: "cache-cleared" });
  }
});
process.on("disconnect", stop);
