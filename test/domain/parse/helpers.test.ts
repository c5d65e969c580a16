import {
  activityDraftSchema, normalize, parseActivityLine, parseChineseDate, parseCount, parseCountDetailed, toNumber,
} from "../../../src/domain/parse/index.js";
import { NOW, TZ } from "./support.js";

const opts = { now: NOW, timeZone: TZ };

describe("toNumber (Chinese numerals and full-width digits)", () => {
  it.each([
    ["一", 1], ["十", 10], ["十二", 12], ["二十", 20], ["二十三", 23], ["三十一", 31], ["两", 2],
    ["一百零五", 105], ["一百二十", 120], ["二〇二三", 2023], ["１２", 12], ["12", 12], ["1.5", 1.5],
  ] as const)("%s → %d", (text, n) => expect(toNumber(text)).toBe(n));
  it.each(["", "abc", "十a", "几"])("%s is not a number", (text) => expect(toNumber(text)).toBeNull());
});

describe("parseCount", () => {
  it.each([
    ["12", 12], ["12人", 12], ["十二人", 12], ["20余", 20], ["20余人", 20], ["60余人次", 60], ["１２人", 12],
    ["约20人", 20], ["二十多人", 20], ["十几人", 10], ["共12人", 12], [" 8 ", 8], ["20人左右", 20],
  ] as const)("%s → %d", (text, n) => expect(parseCount(text)).toBe(n));
  it.each(["", "很多人", "十二人参加了会议", "abc", "-3"])("%s → null", (text) => expect(parseCount(text)).toBeNull());
  it("flags loose counts", () => {
    expect(parseCountDetailed("20余人")).toEqual({ value: 20, approximate: true });
    expect(parseCountDetailed("十几")).toEqual({ value: 10, approximate: true });
    expect(parseCountDetailed("约20")).toEqual({ value: 20, approximate: true });
    expect(parseCountDetailed("12人")).toEqual({ value: 12, approximate: false });
  });
});

describe("parseChineseDate (guided flow)", () => {
  it.each([
    ["今天", { year: 2023, month: 7, day: 5 }],
    ["昨天下午", { year: 2023, month: 7, day: 4 }],
    ["上周五", { year: 2023, month: 6, day: 30 }],
    ["3月5日", { year: 2023, month: 3, day: 5 }],
    ["2023-05-12", { year: 2023, month: 5, day: 12 }],
    ["５.１２", { year: 2023, month: 5, day: 12 }],
    ["二〇二二年十月一日", { year: 2022, month: 10, day: 1 }],
  ])("%s", (text, date) => expect(parseChineseDate(text, opts)).toEqual(date));
  it("reports impossible, future and missing dates", () => {
    expect(parseChineseDate("2023年13月45日", opts)).toEqual({ code: "impossible_date", text: "2023年13月45日" });
    expect(parseChineseDate("明天", opts)).toEqual({ code: "future_date", text: "明天" });
    expect(parseChineseDate("2023年5月", opts)).toEqual({ code: "no_date", text: "2023年5月" });
    expect(parseChineseDate("随便", opts)).toEqual({ code: "no_date", text: "随便" });
  });
});

describe("normalize", () => {
  it("turns full-width ASCII half-width and keeps offsets", () => {
    const s = "２０２３年６月１２日　实到：１３人（张三）";
    expect(normalize(s)).toBe("2023年6月12日 实到:13人(张三)");
    expect(normalize(s).length).toBe(s.length);
  });
});

describe("activityDraftSchema", () => {
  it("accepts every draft the parser makes and rejects a damaged one", () => {
    for (const line of ["2023-06-30 谈心谈话 书记与王某某谈话", "昨天 警示教育 观看《永远在路上》 心得4篇 13人次", "", "hello"]) {
      const { draft } = parseActivityLine(line, opts);
      expect(activityDraftSchema.safeParse(draft).success).toBe(true);
    }
    const { draft } = parseActivityLine("昨天 支委会", opts);
    expect(activityDraftSchema.safeParse({ ...draft, kinds: ["meeting"] }).success).toBe(false);
  });
});
