/**
 * A memo of a pure function's answers with a fixed number of entries: when full, the entry written longest ago
 * goes (a Map keeps insertion order). For answers that are costly to compute and always the same for a key,
 * such as encrypted global ids; never for anything that depends on who asks or on the vendors' data.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
