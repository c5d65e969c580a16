/**
 * A Map that keeps at most `max` entries, forgetting the least recently used one first. A read only
 * stamps its entry (reads are the hot path: the statement cache is read several times per update); the
 * least recent is looked for when an entry must go.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; used: number }>();
  private clock = 0;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruCache size must be a positive integer (got ${max})`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  set(key: K, value: V): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      entry.used = ++this.clock;
      return;
    }
    this.entries.set(key, { value, used: ++this.clock });
    if (this.entries.size > this.max) this.evict();
  }

  private evict(): void {
    let oldest: { key: K; used: number } | undefined;
    for (const [key, entry] of this.entries) {
      if (!oldest || entry.used < oldest.used) oldest = { key, used: entry.used };
    }
    if (oldest) this.entries.delete(oldest.key);
  }
}
