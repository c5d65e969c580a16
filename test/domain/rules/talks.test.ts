// 谈心谈话 pairs classified by the branch roster first, then by role words.
import {
  checkCompliance,
  talkCategoriesOf,
  talkCategoryOf,
  type TalkRosterMember,
} from "../../../src/domain/rules/index.js";

const roster: TalkRosterMember[] = [
  { name: "李书记", role: "secretary" },
  { name: "张三", role: "committee" },
  { name: "李四", role: "member" },
  { name: "王某某", role: "member" },
  { name: "赵组长", role: "group_leader" },
  { name: "孙委员", role: "member" }, // a name that reads like a title: the roster wins
];

describe("talk pairs with a roster", () => {
  it("gives a side that names a member that member's role (书记 counts as a committee member)", () => {
    expect(talkCategoryOf("书记–王某某", roster)).toBe("committee_member"); // the contract's example
    expect(talkCategoryOf("书记与王某某", roster)).toBe("committee_member");
    expect(talkCategoryOf(" 王某某 – 李四 ", roster)).toBe("member_member");
    expect(talkCategoryOf("李书记–张三", roster)).toBe("committee_committee");
    expect(talkCategoryOf("张三–赵组长", roster)).toBe("committee_member"); // a group leader is a 党员
    expect(talkCategoryOf("孙委员–李四", roster)).toBe("member_member");
    expect(talkCategoryOf("书记–王某某同志", roster)).toBe("committee_member");
  });

  it("reads a surname with a title (张委员) as the committee member of that surname", () => {
    expect(talkCategoryOf("张委员–李四", roster)).toBe("committee_member");
    expect(talkCategoryOf("张委员与李书记", roster)).toBe("committee_committee");
    // A title with no such member still says what the side is.
    expect(talkCategoryOf("周书记–李四", roster)).toBe("committee_member");
  });

  it("keeps bare role words and falls back to them for names not on the roster", () => {
    expect(talkCategoryOf("书记–委员", roster)).toBe("committee_committee");
    expect(talkCategoryOf("支书–组织委员", roster)).toBe("committee_committee");
    expect(talkCategoryOf("纪检委员与党员", roster)).toBe("committee_member");
    expect(talkCategoryOf("宣传委员–李四", roster)).toBe("committee_member");
    expect(talkCategoryOf("书记–王小明", roster)).toBeNull(); // not a member: unknown
    expect(talkCategoryOf("书记–王某某")).toBeNull(); // without a roster, as before
    expect(talkCategoryOf("党员–党员")).toBe("member_member");
  });

  it("gives no category to a pair with 群众 or an unknown side", () => {
    expect(talkCategoryOf("书记–群众", roster)).toBeNull();
    expect(talkCategoryOf("群众–王某某", roster)).toBeNull();
    expect(talkCategoryOf("王某某–陌生人", roster)).toBeNull();
    expect(talkCategoryOf("王某某", roster)).toBeNull();
    expect(talkCategoryOf("书记–王某某–李四", roster)).toBeNull();
  });

  it("treats a name two members share with different roles as unknown", () => {
    const twins: TalkRosterMember[] = [{ name: "王伟", role: "committee" }, { name: "王伟", role: "member" }, { name: "刘洋", role: "member" }];
    expect(talkCategoryOf("刘洋–王伟", twins)).toBeNull();
    expect(talkCategoryOf("刘洋–王伟", [...twins.slice(0, 1), ...twins.slice(2)])).toBe("committee_member");
  });

  it("collects the categories of a year's pairs", () => {
    expect([...talkCategoriesOf(["书记–王某某", "张委员–李书记", "李四–王某某"], roster)].sort()).toEqual([
      "committee_committee", "committee_member", "member_member",
    ]);
  });

  it("lets /check's talk item use the roster", () => {
    const input = { year: 2023, today: { year: 2024, month: 3, day: 1 }, counts: [], talks: { events: 1, pairs: ["书记–王某某"] } };
    const missing = (r: ReturnType<typeof checkCompliance>) => r.items.find((i) => i.rule === "talk_pairs")?.detail?.missingTalkCategories;
    expect(missing(checkCompliance(input))).toEqual(["committee_committee", "committee_member", "member_member"]);
    expect(missing(checkCompliance({ ...input, roster }))).toEqual(["committee_committee", "member_member"]);
  });
});
