import pLimit from "p-limit";

/**
 * Runs one vendor call per key with at most `concurrency` in flight, for vendors with no batch read (RPM's
 * Customer, WMS's and Connect's GET by id). A failure costs only its own key: it is returned in that key's
 * place, as DataLoader expects, instead of failing the whole batch.
 */
export async function mapBounded<K, V>(
  keys: readonly K[],
  concurrency: number,
  call: (key: K) => Promise<V>,
): Promise<Array<V | Error>> {
  const limit = pLimit(Math.max(1, concurrency));
  return Promise.all(
    keys.map((key) => limit(() => call(key).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))))),
  );
}
