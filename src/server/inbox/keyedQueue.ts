/** Entries waiting per sequence key, each key's in order, the keys in the order they first came. */
export class KeyedQueue<T extends { seqKey: string }> {
  private readonly byKey = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  push(entry: T): void {
    const list = this.byKey.get(entry.seqKey);
    if (list) list.push(entry);
    else this.byKey.set(entry.seqKey, [entry]);
    this.count++;
  }

  /** Takes out every entry of one key. */
  take(seqKey: string): T[] {
    const list = this.byKey.get(seqKey) ?? [];
    this.byKey.delete(seqKey);
    this.count -= list.length;
    return list;
  }

  /** Takes out the first entry of the first key that `free` lets go. */
  next(free: (seqKey: string) => boolean): T | undefined {
    for (const [key, list] of this.byKey) {
      if (!free(key)) continue;
      const entry = list.shift();
      if (!list.length) this.byKey.delete(key);
      if (entry) this.count--;
      return entry;
    }
    return undefined;
  }
}
