import { LruCache } from "../../src/db/lruCache.js";

describe("LruCache", () => {
  it("keeps at most `max` entries, forgetting the least recently used", () => {
    const c = new LruCache<number, string | null>(3);
    c.set(1, "zh");
    c.set(2, null);
    c.set(3, "en");
    expect(c.get(1)).toBe("zh"); // 1 is now the most recent
    c.set(4, "zh");
    expect(c.size).toBe(3);
    expect(c.get(2)).toBeUndefined();
    expect([c.get(1), c.get(3), c.get(4)]).toEqual(["zh", "en", "zh"]);
    c.set(3, null); // an update refreshes, and a stored null is a value
    c.set(5, "en");
    expect(c.get(1)).toBeUndefined();
    expect(c.get(3)).toBeNull();
  });

  it("stays bounded under many members", () => {
    const c = new LruCache<number, string>(100);
    for (let i = 0; i < 10_000; i++) c.set(i, "zh");
    expect(c.size).toBe(100);
    expect(c.get(9_999)).toBe("zh");
    expect(c.get(0)).toBeUndefined();
  });
});
