// Ledger queries, summary and chart on a busy year: a branch of 60 members with 5,000 records.
// Run: npx tsx bench/ledger.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore, type Store } from "../src/db/store.js";
import type { Prisma as Sql } from "../src/generated/sqlite/client.js";
import type { ActivityKind } from "../src/domain/kinds.js";
import { quarterPeriod, yearPeriod } from "../src/domain/period/index.js";
import { checkCompliance, DEFAULT_RULE_SETTINGS } from "../src/domain/rules/index.js";
import { composeAnnualSummary, summaryInputFromFacts } from "../src/domain/summary/index.js";
import { renderStatsChart } from "../src/render/chart.js";
import { renderSummaryDocx } from "../src/render/summaryDocx.js";

const MEMBERS = 60;
const RECORDS = 5000;
const YEAR = 2023;
const TZ = "Asia/Shanghai";

/** Kinds (and a few usual pairs) with their share of the year's records. */
const MIX: [ActivityKind[], number][] = [
  [["study"], 22], [["talk"], 14], [["publicity"], 10], [["group_meeting"], 9], [["volunteer"], 5], [["disclosure"], 5],
  [["branch_committee"], 4], [["theme_day"], 3], [["theme_day", "party_lecture"], 3], [["integrity_education"], 3],
  [["study", "integrity_education"], 3], [["branch_committee", "ideology_meeting"], 2], [["general_assembly"], 2],
  [["party_lecture"], 2], [["briefing"], 2], [["research"], 2], [["ideology_meeting"], 2], [["integrity_meeting"], 2],
  [["org_life_meeting"], 1], [["member_review"], 1], [["other"], 3],
];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(store: Store, prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"]) {
  const rnd = random(20231231);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const memberIds: number[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const m = await store.members.ensure(100_000 + i, undefined);
    await store.members.setName(m.id, `党员${String(i + 1).padStart(2, "0")}`);
    memberIds.push(m.id);
  }
  const branchId = (await store.branches.create("第一党支部", TZ, memberIds[0]!)).id;
  for (const id of memberIds.slice(1)) await store.memberships.join(branchId, id, false);
  for (const id of memberIds.slice(1, 5)) await store.memberships.setRole(branchId, id, "committee");
  for (let g = 0; g < 4; g++) for (const id of memberIds.slice(5 + g * 13, 18 + g * 13)) await store.memberships.setGroup(branchId, id, `第${g + 1}党小组`);

  const weights = MIX.reduce((n, [, w]) => n + w, 0);
  const start = Date.parse(yearPeriod(YEAR, TZ).start);
  const span = Date.parse(yearPeriod(YEAR, TZ).end) - start;
  const activities: Sql.ActivityCreateManyInput[] = [];
  const kinds: { activityId: number; kind: string }[] = [];
  const attendance: { activityId: number; memberId: number }[] = [];
  for (let id = 1; id <= RECORDS; id++) {
    let roll = rnd() * weights;
    const [recordKinds] = MIX.find(([, w]) => (roll -= w) < 0) ?? MIX[0]!;
    const personal = recordKinds.length === 1 && recordKinds[0] === "study" && rnd() < 0.4;
    const present = personal ? [pick(memberIds)] : memberIds.filter(() => rnd() < 0.3);
    activities.push({
      id, branchId, reporterId: personal ? present[0]! : pick(memberIds), personal,
      occurredAt: new Date(start + Math.floor(rnd() * span)), title: `${recordKinds.join("+")} ${id}`,
      expectedCount: personal ? null : MEMBERS, presentCount: present.length, personTimes: present.length,
      durationHours: recordKinds.includes("study") || recordKinds.includes("party_lecture") ? 1 + Math.floor(rnd() * 3) : null,
      details: JSON.stringify(recordKinds.includes("talk") ? { talkPairs: [pick(["书记–委员", "委员–党员", "党员–党员"])] } : {}),
    });
    for (const kind of recordKinds) kinds.push({ activityId: id, kind });
    for (const memberId of present) attendance.push({ activityId: id, memberId });
  }
  await prisma.activity.createMany({ data: activities });
  await prisma.activityKind.createMany({ data: kinds });
  await prisma.attendance.createMany({ data: attendance });
  return { branchId, memberId: memberIds[7]!, kindRows: kinds.length, attendanceRows: attendance.length };
}

interface Row {
  name: string;
  reps: number;
  median: number;
  p95: number;
}

async function measure(name: string, reps: number, fn: () => Promise<unknown> | unknown): Promise<Row> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? NaN;
  return { name, reps, median: at(50), p95: at(95) };
}

export async function runLedgerBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-bench-"));
  const url = `file:${path.join(dir, "ledger.db")}`;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  try {
    const t0 = performance.now();
    const { branchId, memberId, kindRows, attendanceRows } = await seed(store, db.prisma);
    console.log(`Seeded ${RECORDS} records (${kindRows} kind rows, ${attendanceRows} attendance rows), ${MEMBERS} members, in ${Math.round(performance.now() - t0)} ms.`);

    const year = yearPeriod(YEAR, TZ);
    const q3 = quarterPeriod(YEAR, 3, TZ);
    const [ys, ye] = [new Date(year.start), new Date(year.end)];
    const ledger = store.ledger;
    const facts = await ledger.ruleFacts(branchId, ys, ye);
    const doc = composeAnnualSummary(summaryInputFromFacts({ branchName: "第一党支部", year: YEAR, timeZone: TZ, facts }));
    const months = await ledger.monthlyGroupCounts(branchId, YEAR, TZ);
    const own = await ledger.ownMonthly(branchId, memberId, YEAR, TZ);

    const rows: Row[] = [
      await measure("/stats: tallies for the year", 30, () => ledger.periodTallies(branchId, ys, ye)),
      await measure("/stats: per-member figures, year + quarter", 30, async () => {
        await ledger.memberFigures(branchId, ys, ye);
        await ledger.memberFigures(branchId, new Date(q3.start), new Date(q3.end));
      }),
      await measure("/stats: chart data (months × group, own)", 30, async () => {
        await ledger.monthlyGroupCounts(branchId, YEAR, TZ);
        await ledger.ownMonthly(branchId, memberId, YEAR, TZ);
      }),
      await measure("/check: per-month compliance query", 30, () => ledger.monthlyKindCounts(branchId, YEAR, TZ)),
      await measure("/check: all data + checkCompliance", 30, async () => {
        const data = await ledger.complianceData(branchId, YEAR, TZ);
        return checkCompliance({ ...data, today: { year: YEAR + 1, month: 1, day: 10 }, settings: DEFAULT_RULE_SETTINGS });
      }),
      await measure("/summary: facts query (ruleFacts)", 20, () => ledger.ruleFacts(branchId, ys, ye)),
      await measure("/summary: composeAnnualSummary", 20, () =>
        composeAnnualSummary(summaryInputFromFacts({ branchName: "第一党支部", year: YEAR, timeZone: TZ, facts }))),
      await measure("/summary: renderSummaryDocx", 5, () => renderSummaryDocx(doc)),
      await measure("/stats: chart render (PNG)", 5, () =>
        renderStatsChart({ title: `第一党支部 ${YEAR}年活动统计`, year: YEAR, months, own, locale: "zh" })),
    ];

    const width = Math.max(...rows.map((r) => r.name.length));
    console.log(`\n${"step".padEnd(width)}  reps  median ms     p95 ms`);
    for (const r of rows) {
      console.log(`${r.name.padEnd(width)}  ${String(r.reps).padStart(4)}  ${r.median.toFixed(1).padStart(9)}  ${r.p95.toFixed(1).padStart(9)}`);
    }
    const appendixRows = doc.appendix.reduce((n, g) => n + g.rows.length, 0);
    console.log(`\nSummary: ${facts.length} branch events, ${doc.figures.length} figures, ${appendixRows} appendix rows.`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLedgerBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
