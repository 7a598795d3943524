import { describe, expect, it } from "vitest";
import { createInProcessState } from "../../src/state/in-process-state.js";
import { BearerTokenCache, type IssuedToken } from "../../src/sources/wms/token.js";

/** A token endpoint that counts its calls and issues token-1, token-2, ... */
function tokenEndpoint(expiresInSec: number | null = 3600) {
  let issued = 0;
  return {
    fetch: async (): Promise<IssuedToken> => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { accessToken: `token-${++issued}`, expiresInSec };
    },
    issued: () => issued,
  };
}

describe("the WMS token shared by every instance", () => {
  it("one token request for several instances asking at once, and the same token for all", async () => {
    const state = createInProcessState();
    const endpoint = tokenEndpoint();
    const instances = [1, 2, 3].map(() => new BearerTokenCache(endpoint.fetch, Date.now, { state, key: "wms:token:test" }));
    const tokens = await Promise.all(instances.flatMap((cache) => [cache.get(), cache.get()]));
    expect(new Set(tokens)).toEqual(new Set(["token-1"]));
    expect(endpoint.issued()).toBe(1);
  });

  it("a refused token is renewed once for all instances, and never taken from the store again", async () => {
    const state = createInProcessState();
    const endpoint = tokenEndpoint();
    const [a, b] = [1, 2].map(() => new BearerTokenCache(endpoint.fetch, Date.now, { state, key: "wms:token:test" }));
    expect(await a!.get()).toBe("token-1");
    expect(await b!.get()).toBe("token-1");
    a!.invalidate("token-1");
    b!.invalidate("token-1");
    expect(await Promise.all([a!.get(), b!.get()])).toEqual(["token-2", "token-2"]);
    expect(endpoint.issued()).toBe(2);
  });

  it("renewed before it expires, once for all instances", async () => {
    const state = createInProcessState();
    const endpoint = tokenEndpoint(600);
    let now = 1_000_000;
    const clock = () => now;
    const [a, b] = [1, 2].map(() => new BearerTokenCache(endpoint.fetch, clock, { state, key: "wms:token:test" }));
    expect(await a!.get()).toBe("token-1");
    expect(await b!.get()).toBe("token-1");
    now += 600_000;
    expect(await Promise.all([a!.get(), b!.get()])).toEqual(["token-2", "token-2"]);
    expect(endpoint.issued()).toBe(2);
  });
});
