// Whether two reports describe the same event (same branch, kind and date are checked by the caller).

function normalise(title: string): string {
  return title.replace(/[\s\p{P}\p{S}]/gu, "").toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of character bigrams, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let shared = 0;
  for (const [g, n] of gx) shared += Math.min(n, gy.get(g) ?? 0);
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}

/** Titles that are probably the same event: either missing, one containing the other, or similar enough. */
export function sameEventTitle(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const x = normalise(a);
  const y = normalise(b);
  if (x.includes(y) || y.includes(x)) return true;
  return titleSimilarity(a, b) >= 0.5;
}
