// SQL statements per update, counted through the SQLite adapter (BEGIN and COMMIT included).
import { startSqlCounter, type SqlCounter } from "../support/sqlCount.js";

let c: SqlCounter;
beforeAll(async () => {
  c = await startSqlCounter();
});
afterAll(() => c.stop());

describe("statements per update", () => {
  it("/help: one (member, branch, language and conversation state together)", async () => {
    await c.count((u) => u.command("help"));
    const { statements, reply } = await c.count((u) => u.command("help"));
    expect(reply).toContain("/log");
    expect(statements).toHaveLength(1);
  });

  it("a one-line /log is saved: at most 8, BEGIN and COMMIT included", async () => {
    // The first report of a year also checks the year was counted from its start (one statement more).
    await c.count((u) => u.command("log", "3月4日 党课 学习党章 实到8人"));
    const { statements, reply } = await c.count((u) => u.command("log", "3月5日 支委会 研究发展党员工作 实到7人"));
    expect(reply).toContain("已记录");
    expect(reply).toContain("本年累计：支委会 1次、7人次");
    // Member, branch and language in one; the roster; the write: the record, its kinds (which also say
    // whether the day has an event of that kind already), the audit entry and the year counters (which
    // return the tally shown). No source pre-check (the unique key does it), no read-back.
    expect(statements[0]).toContain('FROM "Member" m');
    expect(statements.filter((s) => /^(BEGIN|COMMIT)/.test(s))).toEqual(["BEGIN IMMEDIATE", "COMMIT"]);
    expect(statements.length).toBeLessThanOrEqual(8);
  });
});
