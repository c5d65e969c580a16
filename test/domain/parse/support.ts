import { parseActivityLine, type ActivityDraft, type ParseProblemCode } from "../../../src/domain/parse/index.js";

/** Wednesday 5 July 2023, 10:00 in Shanghai. */
export const NOW = new Date("2023-07-05T02:00:00Z");
export const TZ = "Asia/Shanghai";

export type Expect = Partial<Omit<ActivityDraft, "date">> & {
  /** "2023-07-05" or null */
  date?: string | null;
  /** Problem codes in order; when absent the line must parse ok. */
  problems?: ParseProblemCode[];
  /** The text quoted by the first problem. */
  problemText?: string;
};

export type Case = [line: string, expect: Expect];

function isoDate(d: ActivityDraft["date"]): string | null {
  if (!d) return null;
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** Asserts exactly the fields a case names, and whether the line parsed. */
export function check([line, expected]: Case, now: Date = NOW, timeZone: string = TZ): void {
  const result = parseActivityLine(line, { now, timeZone });
  const { date, problems, problemText, ...fields } = expected;
  const actual: Record<string, unknown> = { ...result.draft, date: isoDate(result.draft.date) };
  if (date !== undefined) expect(actual.date).toEqual(date);
  for (const [key, value] of Object.entries(fields)) {
    expect([key, actual[key]]).toEqual([key, value]);
  }
  const codes = result.ok ? [] : result.problems.map((p) => p.code);
  expect(codes).toEqual(problems ?? []);
  expect(result.ok).toBe((problems ?? []).length === 0);
  if (problemText !== undefined && !result.ok) expect(result.problems[0]?.text).toBe(problemText);
  // drafts are plain data
  expect(JSON.parse(JSON.stringify(result.draft))).toEqual(result.draft);
}
