// The /stats chart: activities per month by summary group (stacked bars), optionally the
// member's own participation as a line. Rendered server-side: ECharts SSR → SVG → resvg → PNG.

import * as echarts from "echarts";
import { Resvg } from "@resvg/resvg-js";
import { type KindGroup, KIND_GROUPS } from "../domain/kinds.js";
import type { MonthlyGroupCounts } from "../domain/tally/types.js";
import { cjkFont, fontFileFor, type CjkFont } from "./chartFonts.js";
import type { Lang } from "../domain/lang.js";
import { groupLabel } from "../i18n/kindNames.js";

/** The legend uses the /stats headings (one label table). */
const groupLabels = (locale: Lang) => Object.fromEntries(KIND_GROUPS.map((g) => [g, groupLabel(g, locale)])) as Record<KindGroup, string>;

export type { MonthlyGroupCounts };

export interface StatsChartInput {
  title: string;
  year: number;
  /** 12 entries (one per month); missing months count as zero. */
  months: MonthlyGroupCounts[];
  /** The member's own participation per month (12 numbers), optional. */
  own?: number[];
  locale: Lang;
  /** The last month to plot (this month for the current year): months yet to come are not drawn. Default 12. */
  throughMonth?: number;
}

export interface StatsChartPng {
  png: Buffer;
  width: number;
  height: number;
  /** False when no CJK font file was found: Chinese text then renders as missing glyphs. */
  cjkFont: boolean;
}

/** Logical (CSS) size; the PNG is rendered at DENSITY× for sharpness on phones. */
export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 500;
export const CHART_DENSITY = 2;

/** Used when no CJK font exists: whatever Latin sans the system has. */
const LATIN_FALLBACK_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

const LABELS = {
  zh: {
    groups: groupLabels("zh"),
    mine: "我参加的",
    months: Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
    yAxis: "次数",
    empty: "本年度暂无活动记录",
    yearSuffix: (year: number) => `${year}年`,
  },
  en: {
    groups: groupLabels("en"),
    mine: "Mine",
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    yAxis: "Activities",
    empty: "No activities recorded this year",
    yearSuffix: (year: number) => String(year),
  },
} as const satisfies Record<StatsChartInput["locale"], unknown>;

/** Sober report palette: party reds, golds, greys. */
const GROUP_COLOURS: Record<KindGroup, string> = {
  political: "#B71C1C",
  organisation: "#7F1D1D",
  business: "#C9A227",
  integrity: "#8C6D3F",
  other: "#A6A6A6",
};
const LINE_COLOUR = "#37474F";
const TEXT_COLOUR = "#333333";
const MUTED_COLOUR = "#666666";

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

/** 12 slots per group, indexed by month - 1; tolerant of missing/unordered/out-of-range entries. */
function monthlySeries(months: readonly MonthlyGroupCounts[]): Record<KindGroup, number[]> {
  const series = Object.fromEntries(KIND_GROUPS.map((g) => [g, new Array<number>(12).fill(0)])) as Record<KindGroup, number[]>;
  for (const entry of months) {
    const index = Math.trunc(entry.month) - 1;
    if (!(index >= 0 && index < 12)) continue;
    for (const group of KIND_GROUPS) series[group][index] = (series[group][index] ?? 0) + count(entry[group]);
  }
  return series;
}

function buildOption(input: StatsChartInput, fontFamily: string, cjk: boolean): echarts.EChartsOption {
  const labels = LABELS[input.locale] ?? LABELS.zh;
  const shown = Math.min(12, Math.max(1, Math.trunc(input.throughMonth ?? 12)));
  const all = monthlySeries(input.months);
  const byGroup = Object.fromEntries(KIND_GROUPS.map((g) => [g, all[g].slice(0, shown)])) as Record<KindGroup, number[]>;
  const totals = Array.from({ length: shown }, (_, i) => KIND_GROUPS.reduce((sum, g) => sum + (byGroup[g][i] ?? 0), 0));
  const own = input.own ? Array.from({ length: shown }, (_, i) => count(input.own?.[i])) : undefined;
  const empty = totals.every((t) => t === 0) && (!own || own.every((v) => v === 0));
  const yearText = labels.yearSuffix(input.year);
  const subtext = input.title.includes(String(input.year)) ? "" : yearText;

  const bars: echarts.BarSeriesOption[] = KIND_GROUPS.map((group) => ({
    type: "bar",
    name: labels.groups[group],
    stack: "activities",
    // null rather than 0: zero-height segments would still draw their border over the axis.
    data: byGroup[group].map((v) => (v > 0 ? v : null)),
    barMaxWidth: 34,
    itemStyle: { color: GROUP_COLOURS[group], borderColor: "#ffffff", borderWidth: 0.5 },
    emphasis: { disabled: true },
  }));
  // Invisible zero-height bar on top of each stack, only to print the month's total above it.
  const totalLabels: echarts.BarSeriesOption = {
    type: "bar",
    name: "__total",
    stack: "activities",
    z: 10, // labels above the "own" line, with a white halo
    data: totals.map(() => 0),
    barMaxWidth: 34,
    itemStyle: { color: "transparent" },
    label: {
      show: true,
      position: "top",
      distance: 4,
      color: TEXT_COLOUR,
      fontSize: 12,
      fontWeight: "bold",
      fontFamily,
      textBorderColor: "#ffffff",
      textBorderWidth: 3,
      formatter: (p: { dataIndex: number }) => {
        const total = totals[p.dataIndex] ?? 0;
        return total > 0 ? String(total) : "";
      },
    },
    emphasis: { disabled: true },
  };
  const series: echarts.SeriesOption[] = [...bars, totalLabels];
  if (own) {
    series.push({
      type: "line",
      name: labels.mine,
      data: own,
      z: 5,
      symbol: "circle",
      symbolSize: 7,
      lineStyle: { color: LINE_COLOUR, width: 2.5 },
      itemStyle: { color: LINE_COLOUR, borderColor: "#ffffff", borderWidth: 1.5 },
      emphasis: { disabled: true },
    });
  }

  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily, color: TEXT_COLOUR },
    color: [...KIND_GROUPS.map((g) => GROUP_COLOURS[g]), LINE_COLOUR],
    title: {
      text: input.title,
      subtext,
      left: "center",
      top: 14,
      itemGap: 6,
      textStyle: { fontFamily, fontSize: 20, fontWeight: "bold", color: "#8B0000" },
      subtextStyle: { fontFamily, fontSize: 13, color: MUTED_COLOUR },
    },
    legend: {
      bottom: 14,
      left: "center",
      itemWidth: 16,
      itemHeight: 10,
      // ECharts estimates text widths; the Latin fallback fonts run wider than its estimate.
      itemGap: cjk ? 18 : 30,
      textStyle: { fontFamily, fontSize: 13, color: TEXT_COLOUR },
      data: [...KIND_GROUPS.map((g) => labels.groups[g]), ...(own ? [labels.mine] : [])],
    },
    grid: { left: 64, right: 36, top: subtext ? 88 : 70, bottom: 78 },
    xAxis: {
      type: "category",
      data: labels.months.slice(0, shown),
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: "#999999" } },
      axisLabel: { fontFamily, fontSize: 13, color: TEXT_COLOUR },
    },
    yAxis: {
      type: "value",
      name: labels.yAxis,
      nameTextStyle: { fontFamily, fontSize: 12, color: MUTED_COLOUR, align: "right" },
      minInterval: 1,
      min: 0,
      ...(empty ? { max: 4 } : {}),
      axisLabel: { fontFamily, fontSize: 12, color: MUTED_COLOUR },
      splitLine: { lineStyle: { color: "#E5E5E5", type: "dashed" } },
    },
    graphic: empty
      ? [{
          type: "text",
          left: "center",
          top: "middle",
          style: { text: labels.empty, fontFamily, fontSize: 18, fill: "#999999" },
        }]
      : [],
    series,
  };
}

function svgFor(input: StatsChartInput, font: CjkFont | null): string {
  const fontFamily = font ? font.family : LATIN_FALLBACK_FAMILY;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(buildOption(input, fontFamily, font !== null));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The intermediate SVG (CSS pixels, 900×500), e.g. for tests or debugging. */
export function statsChartSvg(input: StatsChartInput): string {
  return svgFor(input, cjkFont());
}

/**
 * Renders the /stats chart as a PNG (1800×1000). Synchronous.
 * `font` overrides the font lookup (null = pretend no CJK font is installed); for tests.
 */
export function renderStatsChart(input: StatsChartInput, font: CjkFont | null = cjkFont()): StatsChartPng {
  const svg = svgFor(input, font);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: CHART_DENSITY },
    background: "#ffffff",
    logLevel: "off",
    languages: input.locale === "zh" ? ["zh-CN", "en"] : ["en", "zh-CN"],
    font: font
      ? { fontFiles: [fontFileFor(font, svg)], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family }
      : { loadSystemFonts: true },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height, cjkFont: font !== null };
}
