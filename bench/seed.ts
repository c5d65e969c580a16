// Bench data: a branch with named members, and a year of realistic records written in bulk.
import Database from "better-sqlite3";
import type { Prisma as Db } from "../src/db/client.js";
import type { Store } from "../src/db/store.js";
import type { ActivityKind } from "../src/domain/kinds.js";
import { yearPeriod } from "../src/domain/period/index.js";

export const TZ = "Asia/Shanghai";

/** Kinds (and a few usual pairs) with their share of a year's records. */
const MIX: [ActivityKind[], number][] = [
  [["study"], 22],
  [["talk"], 14],
  [["publicity"], 10],
  [["group_meeting"], 9],
  [["volunteer"], 5],
  [["disclosure"], 5],
  [["branch_committee"], 4],
  [["theme_day"], 3],
  [["theme_day", "party_lecture"], 3],
  [["integrity_education"], 3],
  [["study", "integrity_education"], 3],
  [["branch_committee", "ideology_meeting"], 2],
  [["general_assembly"], 2],
  [["party_lecture"], 2],
  [["briefing"], 2],
  [["research"], 2],
  [["ideology_meeting"], 2],
  [["integrity_meeting"], 2],
  [["org_life_meeting"], 1],
  [["member_review"], 1],
  [["other"], 3],
];

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededBranch {
  branchId: number;
  /** Member ids, the secretary first. */
  memberIds: number[];
  /** Telegram ids, the secretary first. */
  telegramIds: number[];
}

/** A branch of `members` named members (the first is the secretary), made through the store. */
export async function seedBranch(store: Store, prisma: Db, name: string, firstTelegramId: number, members: number): Promise<SeededBranch> {
  const telegramIds = Array.from({ length: members }, (_, i) => firstTelegramId + i);
  const secretary = await store.members.ensure(telegramIds[0]!, undefined);
  await store.members.setName(secretary.id, "李书记");
  const branchId = (await store.branches.create(name, TZ, secretary.id)).id;
  await prisma.member.createMany({
    data: telegramIds.slice(1).map((t, i) => ({ telegramId: t, name: `党员${String(i + 1).padStart(3, "0")}` })),
  });
  const rows = await prisma.member.findMany({
    where: { telegramId: { gt: telegramIds[0]!, lte: telegramIds.at(-1)! } },
    select: { id: true },
    orderBy: { telegramId: "asc" },
  });
  // In bulk: what memberships.join does per member, for a few hundred members at once.
  await prisma.membership.createMany({ data: rows.map((r) => ({ branchId, memberId: r.id, status: "active" })) });
  await prisma.member.updateMany({
    where: { telegramId: { gt: telegramIds[0]!, lte: telegramIds.at(-1)! } },
    data: { activeBranchId: branchId },
  });
  return { branchId, memberIds: [secretary.id, ...rows.map((r) => r.id)], telegramIds };
}

/**
 * `records` records spread over `year` (kinds in the usual mix, ~30% attendance), written straight into
 * the SQLite file in one transaction (Prisma's createMany takes over a minute for this).
 */
export function seedYear(file: string, branch: SeededBranch, year: number, records: number, seed = year): void {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const { branchId } = branch;
  // Attendance drawn from the first 60 members (a usual branch size; the rest only report).
  const memberIds = branch.memberIds.slice(0, 60);
  const weights = MIX.reduce((n, [, w]) => n + w, 0);
  const start = Date.parse(yearPeriod(year, TZ).start);
  const end = Math.min(Date.parse(yearPeriod(year, TZ).end), Date.now() - 86_400_000);
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  const activity = db.prepare(`INSERT INTO "Activity" ("branchId", "reporterId", "personal", "occurredAt", "title", "expectedCount",
    "presentCount", "personTimes", "durationHours", "details", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const kind = db.prepare(`INSERT INTO "ActivityKind" ("activityId", "kind") VALUES (?, ?)`);
  const attend = db.prepare(`INSERT INTO "Attendance" ("activityId", "memberId", "present") VALUES (?, ?, 1)`);
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < records; i++) {
      let roll = rnd() * weights;
      const [recordKinds] = MIX.find(([, w]) => (roll -= w) < 0) ?? MIX[0]!;
      const personal = recordKinds.length === 1 && recordKinds[0] === "study" && rnd() < 0.4;
      const present = personal ? [pick(memberIds)] : memberIds.filter(() => rnd() < 0.3);
      const hours = recordKinds.includes("study") || recordKinds.includes("party_lecture") ? 1 + Math.floor(rnd() * 3) : null;
      const details = JSON.stringify(recordKinds.includes("talk") ? { talkPairs: [pick(["书记–委员", "委员–党员", "党员–党员"])] } : {});
      const { lastInsertRowid: id } = activity.run(
        branchId,
        personal ? present[0]! : pick(memberIds),
        personal ? 1 : 0,
        start + Math.floor(rnd() * (end - start)),
        `${recordKinds.join("+")} ${i + 1}`,
        personal ? null : memberIds.length,
        present.length,
        present.length,
        hours,
        details,
        now,
        now,
      );
      for (const k of recordKinds) kind.run(id, k);
      for (const m of present) attend.run(id, m);
    }
  })();
  db.close();
}

/** Realistic one-line reports, all different: each (date, kind) pair at most once, varied topics and counts. */
export function reportLine(index: number, year: number, lastDay: number): string {
  const kinds = ["支委会", "党员大会", "党小组会", "党课", "主题党日", "集中学习", "志愿服务", "廉政教育"];
  const topics = [
    "学习贯彻党的二十大精神",
    "研究发展党员工作",
    "传达上级会议精神",
    "学习《中国共产党纪律处分条例》",
    "开展安全生产专题学习",
    "讨论年度党建工作计划",
    "学习习近平总书记重要讲话",
    "开展警示教育",
    "研究党费收缴工作",
    "学习新修订的党章",
    "部署主题教育",
    "开展入户走访",
  ];
  const day = index % lastDay;
  const kind = kinds[Math.floor(index / lastDay) % kinds.length]!;
  const date = new Date(Date.UTC(year, 0, 1 + day));
  const topic = topics[(index * 7) % topics.length]!;
  const people = 5 + ((index * 13) % 40);
  return `${date.getUTCMonth() + 1}月${date.getUTCDate()}日 ${kind} ${topic}（第${index + 1}期） 实到${people}人`;
}
