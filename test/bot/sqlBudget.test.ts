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

  it("a one-line /log is saved", async () => {
    const { statements, reply } = await c.count((u) => u.command("log", "3月5日 支委会 研究发展党员工作 实到7人"));
    expect(reply).toContain("已记录");
    expect(statements[0]).toContain('FROM "Member" m');
    // No read-back, no empty relation queries, the tally of the record's kinds only. The budget
    // is 8; the source check and the roster read still stand between (see notes/15.md).
    expect(statements.filter((s) => /^(BEGIN|COMMIT)$/.test(s))).toEqual(["BEGIN", "COMMIT"]);
    expect(statements.length).toBeLessThanOrEqual(10);
  });
});
