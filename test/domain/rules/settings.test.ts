import {
  DEFAULT_RULE_SETTINGS,
  parseRuleSettings,
  talkCategoryOf,
  validateRuleSettings,
} from "../../../src/domain/rules/index.js";

describe("rule settings", () => {
  it("defaults to the central rules", () => {
    expect(DEFAULT_RULE_SETTINGS).toEqual({
      frequency: {
        branch_committee: "monthly",
        general_assembly: "quarterly",
        group_meeting: "monthly",
        party_lecture: "quarterly",
        theme_day: "monthly",
        org_life_meeting: "yearly",
        member_review: "yearly",
      },
      groupMeetingPerGroup: true,
      quorum: { branch_committee: true, general_assembly: true },
      talkPairsYearly: true,
      studyHoursPerYear: 32,
      leaderStudyHoursPerYear: 56,
      studyKinds: ["party_lecture", "theme_day", "org_life_meeting", "study", "briefing", "integrity_education"],
      selfStudyCounts: false,
      committee: "auto",
      termYears: 3,
    });
    expect(parseRuleSettings("{}")).toEqual(DEFAULT_RULE_SETTINGS);
    expect(parseRuleSettings(undefined)).toEqual(DEFAULT_RULE_SETTINGS);
  });

  it("keeps a branch's own values and fills the rest", () => {
    const s = parseRuleSettings('{"frequency":{"party_lecture":"monthly"},"studyHoursPerYear":40}');
    expect(s.frequency.party_lecture).toBe("monthly");
    expect(s.frequency.branch_committee).toBe("monthly");
    expect(s.studyHoursPerYear).toBe(40);
  });

  it("falls back to defaults for bad stored values instead of failing", () => {
    const s = parseRuleSettings({ frequency: { theme_day: "weekly" }, quorum: 5, studyHoursPerYear: -1, extra: 1 });
    expect(s).toEqual(DEFAULT_RULE_SETTINGS);
    expect(parseRuleSettings("not json")).toEqual(DEFAULT_RULE_SETTINGS);
    expect(parseRuleSettings([1, 2])).toEqual(DEFAULT_RULE_SETTINGS);
  });

  it("reports bad edits when validating strictly", () => {
    const result = validateRuleSettings({ frequency: { theme_day: "weekly" } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe("frequency.theme_day");
    const ok = validateRuleSettings({ frequency: { party_lecture: "off" } });
    expect(ok.ok && ok.settings.frequency.party_lecture).toBe("off");
  });

  it("keeps a branch's own 学时 kinds, each once, and falls back to the default list for bad ones", () => {
    expect(parseRuleSettings({ studyKinds: ["volunteer", "study", "volunteer"] }).studyKinds).toEqual(["study", "volunteer"]);
    expect(parseRuleSettings({ studyKinds: [] }).studyKinds).toEqual([]);
    expect(parseRuleSettings({ studyKinds: ["dancing"] }).studyKinds).toEqual(DEFAULT_RULE_SETTINGS.studyKinds);
    expect(parseRuleSettings({ studyKinds: "study" }).studyKinds).toEqual(DEFAULT_RULE_SETTINGS.studyKinds);
    expect(DEFAULT_RULE_SETTINGS.studyKinds).not.toContain("volunteer");
    const bad = validateRuleSettings({ studyKinds: ["study", "dancing"] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toBe("studyKinds.1");
  });

  it("classifies talk pairs", () => {
    expect(talkCategoryOf("书记–委员")).toBe("committee_committee");
    expect(talkCategoryOf("组织委员与党员")).toBe("committee_member");
    expect(talkCategoryOf("书记-党员")).toBe("committee_member");
    expect(talkCategoryOf("党员—党员")).toBe("member_member");
    expect(talkCategoryOf("书记与王某某")).toBeNull();
    expect(talkCategoryOf("党员–群众")).toBeNull();
  });
});
