import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { connectRedisState } from "../../src/state/redis-state.js";
import { freePort, startRedisServer, type RedisServer } from "../support/redis-server.js";

const silent = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the Redis shared state", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it("stops the start when Redis does not answer, naming REDIS_URL and never its password", async () => {
    const url = `redis://user:s3cret-pass@127.0.0.1:${await freePort()}`;
    const failure = await connectRedisState(url, silent).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    const message = (failure as Error).message;
    expect(message).toContain("REDIS_URL");
    expect(message).toContain("127.0.0.1");
    expect(message).not.toContain("s3cret-pass");
  });

  it("shares values with a TTL between two connections", async () => {
    const [a, b] = await Promise.all([connectRedisState(redis.url, silent), connectRedisState(redis.url, silent)]);
    try {
      await a.set("test:value", "shared", 200);
      expect(await b.get("test:value")).toBe("shared");
      await sleep(300);
      expect(await b.get("test:value")).toBeUndefined();
      await a.set("test:gone", "x", 10_000);
      await b.delete("test:gone");
      expect(await a.get("test:gone")).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("withLock: one holder at a time across instances, and a lock freed by its TTL when its holder never releases", async () => {
    const states = await Promise.all([connectRedisState(redis.url, silent), connectRedisState(redis.url, silent)]);
    try {
      let inside = 0;
      let most = 0;
      let runs = 0;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          states[i % 2]!.withLock("test:lock", 5_000, async () => {
            inside += 1;
            most = Math.max(most, inside);
            await sleep(5);
            inside -= 1;
            runs += 1;
          }),
        ),
      );
      expect(runs).toBe(12);
      expect(most).toBe(1);
      // A holder that died: its lock (taken directly, never released) is free again once its TTL is over.
      await states[0]!.redis!.set("lock:test:abandoned", "dead-holder", "PX", 300);
      const started = Date.now();
      await states[1]!.withLock("test:abandoned", 5_000, async () => undefined);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await Promise.all(states.map((s) => s.close()));
    }
  });

  it("while Redis is lost: misses, skipped writes, local locks, availability reported; shared again once it is back", async () => {
    const state = await connectRedisState(redis.url, silent);
    const changes: boolean[] = [];
    state.onAvailability((available) => changes.push(available));
    try {
      await state.set("test:before", "1", 60_000);
      await redis.stop();
      await sleep(100);
      expect(state.available()).toBe(false);
      expect(await state.get("test:before")).toBeUndefined();
      await state.set("test:during", "1", 60_000);
      expect(await state.withLock("test:outage", 1_000, async () => "ran locally")).toBe("ran locally");

      await redis.restart();
      for (let i = 0; i < 50 && !state.available(); i++) await sleep(100);
      expect(state.available()).toBe(true);
      expect(changes).toEqual([false, true]);
      await state.set("test:after", "back", 60_000);
      expect(await state.get("test:after")).toBe("back");
    } finally {
      await state.close();
    }
  });
});
