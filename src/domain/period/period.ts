// A reporting period (month, quarter or year) with its bounds at the branch's local midnights.
import { localMidnightUtc, monthKey, quarterKey, type Quarter } from "../calendar/index.js";

export type PeriodUnit = "month" | "quarter" | "year";

export interface PeriodLabel {
  zh: string;
  en: string;
}

export interface Period {
  /** Canonical key: "2023", "2023-03" or "2023-Q1". */
  key: string;
  unit: PeriodUnit;
  year: number;
  /** 1-12 when unit is "month". */
  month?: number;
  /** 1-4 when unit is "quarter". */
  quarter?: Quarter;
  label: PeriodLabel;
  /** Inclusive start: local midnight of the first day, as an ISO UTC string. */
  start: string;
  /** Exclusive end: local midnight of the day after the last day, as an ISO UTC string. */
  end: string;
}

const QUARTER_ZH = ["一", "二", "三", "四"] as const;
const MONTH_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;
const MONTH_EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export function quarterNameZh(quarter: Quarter): string {
  return `第${QUARTER_ZH[quarter - 1]}季度`;
}

export function monthNameEn(month: number, short = false): string {
  return (short ? MONTH_EN_SHORT : MONTH_EN)[month - 1] ?? String(month);
}

export function yearPeriod(year: number, timeZone: string): Period {
  return {
    key: String(year),
    unit: "year",
    year,
    label: { zh: `${year}年`, en: String(year) },
    start: localMidnightUtc(year, 1, 1, timeZone),
    end: localMidnightUtc(year + 1, 1, 1, timeZone),
  };
}

export function monthPeriod(year: number, month: number, timeZone: string): Period {
  return {
    key: monthKey(year, month),
    unit: "month",
    year,
    month,
    label: { zh: `${year}年${month}月`, en: `${monthNameEn(month)} ${year}` },
    start: localMidnightUtc(year, month, 1, timeZone),
    end: localMidnightUtc(year, month + 1, 1, timeZone), // month 13 rolls over to January
  };
}

export function quarterPeriod(year: number, quarter: Quarter, timeZone: string): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    key: quarterKey(year, quarter),
    unit: "quarter",
    year,
    quarter,
    label: { zh: `${year}年${quarterNameZh(quarter)}`, en: `Q${quarter} ${year}` },
    start: localMidnightUtc(year, firstMonth, 1, timeZone),
    end: localMidnightUtc(year, firstMonth + 3, 1, timeZone),
  };
}

/** True when the instant lies in [start, end). */
export function isInPeriod(isoUtc: string, period: Pick<Period, "start" | "end">): boolean {
  const t = Date.parse(isoUtc);
  return t >= Date.parse(period.start) && t < Date.parse(period.end);
}
