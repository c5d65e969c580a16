import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import {
  renderStatsChart,
  statsChartSvg,
  type MonthlyGroupCounts,
  type StatsChartInput,
} from "../../src/render/chart.js";
import { findCjkFont, fontFileFor, glyphIds, readFaceTables, releaseChartFonts } from "../../src/render/chartFonts.js";
import { groupLabel } from "../../src/domain/tally/labels.js";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "../../test-artifacts");
const font = findCjkFont();
const withFont = font ? it : it.skip;
/** Subsetting applies to TrueType-outline fonts (wqy-zenhei); CFF fonts (Noto CJK) use the full file. */
const withTrueTypeFont = font && readFaceTables(readFileSync(font.path), font.face ?? 0).has("glyf") ? it : it.skip;

function busyMonths(): MonthlyGroupCounts[] {
  return Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    political: (i * 3) % 5,
    organisation: 3 + (i % 3),
    business: i % 2,
    integrity: i % 4 === 0 ? 2 : 0,
    other: i === 6 ? 1 : 0,
  }));
}

const zeroMonths = (): MonthlyGroupCounts[] =>
  Array.from({ length: 12 }, (_, i) => ({ month: i + 1, political: 0, organisation: 0, business: 0, integrity: 0, other: 0 }));

const busy: StatsChartInput = {
  title: "第一党支部 2025年活动统计",
  year: 2025,
  months: busyMonths(),
  own: [2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5],
  locale: "zh",
};

function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("stats chart", () => {
  afterAll(releaseChartFonts); // jest does not run process "exit" handlers of test modules
  it("renders a valid 1800×1000 PNG of sensible size", () => {
    const result = renderStatsChart(busy);
    expect(pngSize(result.png)).toEqual({ width: result.width, height: result.height });
    expect([result.width, result.height]).toEqual([1800, 1000]);
    expect(result.png.length).toBeGreaterThan(20_000);
    expect(result.png.length).toBeLessThan(1_000_000);
    expect(result.cjkFont).toBe(font !== null);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "stats-chart.png"), result.png);
  });

  it("puts the Chinese series names, months and the own line into the SVG", () => {
    const svg = statsChartSvg(busy);
    for (const name of ["政治建设", "组织建设", "党建+业务", "党风廉政建设", "其他", "我参加的", "1月", "12月", "第一党支部"]) {
      expect(svg).toContain(name);
    }
    if (font) expect(svg).toContain(font.family);
  });

  it("leaves out the own line when no participation is given", () => {
    const svg = statsChartSvg({ ...busy, own: undefined });
    expect(svg).toContain("政治建设");
    expect(svg).not.toContain("我参加的");
  });

  it("renders an all-zero year, differently from a busy one", () => {
    const empty = renderStatsChart({ ...busy, months: zeroMonths(), own: undefined });
    expect(pngSize(empty.png)).toEqual({ width: 1800, height: 1000 });
    expect(empty.png.equals(renderStatsChart(busy).png)).toBe(false);
    expect(statsChartSvg({ ...busy, months: [], own: undefined })).toContain("本年度暂无活动记录");
  });

  it("speaks English", () => {
    const input: StatsChartInput = { ...busy, title: "Branch 1 activities", locale: "en" };
    const svg = statsChartSvg(input);
    for (const name of ["Political building", "Organisation", "Party building + business", "Integrity", "Other", "Mine", "Jan", "Dec", "2025"]) {
      expect(svg).toContain(name);
    }
    expect(svg).not.toContain("政治建设");
    const result = renderStatsChart(input);
    expect(pngSize(result.png)).toEqual({ width: 1800, height: 1000 });
    writeFileSync(join(ARTIFACTS, "stats-chart-en.png"), result.png);
  });

  it("tolerates short, unordered and odd month data", () => {
    const svg = statsChartSvg({
      ...busy,
      months: [{ month: 12, political: 2, organisation: 1, business: 0, integrity: 0, other: 0 }, { month: 13, political: 9, organisation: 0, business: 0, integrity: 0, other: -1 }],
      own: [1],
    });
    expect(svg).toContain("12月");
    expect(svg).not.toContain("本年度暂无活动记录");
  });

  it("still renders (Latin only) without a CJK font and says so", () => {
    const result = renderStatsChart({ ...busy, locale: "en", title: "Branch 1" }, null);
    expect(result.cjkFont).toBe(false);
    expect(pngSize(result.png)).toEqual({ width: 1800, height: 1000 });
  });

  withTrueTypeFont("renders the same pixels from the font subset as from the full font", () => {
    const svg = statsChartSvg(busy);
    const options = (file: string) => ({
      fitTo: { mode: "zoom" as const, value: 2 },
      background: "#ffffff",
      font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: font!.family },
    });
    const subsetFile = fontFileFor(font!, svg);
    expect(subsetFile).not.toBe(font!.path);
    expect(statSync(subsetFile).size).toBeLessThan(2_000_000);
    const fromSubset = new Resvg(svg, options(subsetFile)).render().asPng();
    const fromFull = new Resvg(svg, options(font!.path)).render().asPng();
    expect(fromSubset.equals(fromFull)).toBe(true);
  });

  withFont("maps CJK characters to glyphs", () => {
    const tables = readFaceTables(readFileSync(font!.path), font!.face ?? 0);
    const ids = glyphIds(tables.get("cmap")!, ["党", "支", "部", "A"].map((c) => c.codePointAt(0)!));
    expect(ids.size).toBe(4);
  });

  it("does not plot months that have not happened yet, and its legend is the /stats headings", () => {
    const svg = statsChartSvg({ title: "第一党支部 2024年", year: 2024, months: [{ month: 2, political: 1, organisation: 2, business: 0, integrity: 0, other: 0 }], locale: "zh", throughMonth: 3 });
    expect(svg).toContain("3月");
    expect(svg).not.toContain("4月");
    expect(svg).not.toContain("12月");
    for (const g of ["political", "organisation", "business", "integrity", "other"] as const) expect(svg).toContain(groupLabel(g, "zh"));
  });
});
