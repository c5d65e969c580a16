import { composeAnnualSummary, splitForTelegram, summaryToText } from "../../../src/domain/summary/index.js";
import { referenceYearInput } from "./referenceYear.js";

const sentence = (n: number, length: number) => `第${n}句${"字".repeat(Math.max(0, length - 4))}。`;

describe("splitForTelegram", () => {
  it("keeps a short text whole", () => {
    expect(splitForTelegram("一\n\n二")).toEqual(["一\n\n二"]);
    expect(splitForTelegram("")).toEqual([]);
  });

  it("never exceeds the limit and never splits a paragraph that fits", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => sentence(i, 100 + i * 15).repeat(3));
    const text = paragraphs.join("\n\n");
    for (const limit of [800, 2000, 4096]) {
      const chunks = splitForTelegram(text, limit);
      expect(chunks.every((c) => c.length <= limit)).toBe(true);
      const lines = chunks.flatMap((c) => c.split("\n")).filter((l) => l.length > 0);
      expect(lines).toEqual(paragraphs); // every paragraph intact, in order
    }
  });

  it("splits a paragraph longer than the limit at sentence ends", () => {
    const long = Array.from({ length: 10 }, (_, i) => sentence(i, 120)).join("");
    const chunks = splitForTelegram(`标题\n${long}\n结尾`, 500);
    expect(chunks.every((c) => c.length <= 500)).toBe(true);
    expect(chunks.join("").replace(/\n/g, "")).toBe(`标题${long}结尾`);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith("。")).toBe(true);
  });

  it("cuts a single sentence longer than the limit as a last resort", () => {
    const chunks = splitForTelegram("字".repeat(250), 100);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
  });

  it("splits the reference summary within Telegram's limit at paragraph boundaries", () => {
    const text = summaryToText(composeAnnualSummary(referenceYearInput()), { appendix: true });
    const paragraphs = text.split("\n").filter((l) => l.length > 0);
    for (const limit of [4096, 800]) {
      const chunks = splitForTelegram(text, limit);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.every((c) => c.length <= limit)).toBe(true);
      const lines = chunks.flatMap((c) => c.split("\n")).filter((l) => l.length > 0);
      expect(lines).toEqual(paragraphs);
    }
  });
});
