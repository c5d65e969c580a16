import { ACTIVITY_KINDS, KIND_GROUP, isActivityKind } from "../../src/domain/kinds.js";
import { personTimes } from "../../src/domain/activity.js";

describe("activity kinds", () => {
  it("puts each kind in its summary group", () => {
    const byGroup = (group: string) => ACTIVITY_KINDS.filter((k) => KIND_GROUP[k] === group);
    expect(byGroup("organisation")).toEqual([
      "branch_committee",
      "general_assembly",
      "group_meeting",
      "party_lecture",
      "theme_day",
      "org_life_meeting",
      "member_review",
      "disclosure",
    ]);
    expect(byGroup("political")).toEqual(["study", "briefing", "publicity", "ideology_meeting"]);
    expect(byGroup("integrity")).toEqual(["integrity_education", "integrity_meeting", "talk"]);
    expect(byGroup("business")).toEqual(["volunteer", "research"]);
    expect(byGroup("other")).toEqual(["other"]);
  });
  it("recognises stored keys only", () => {
    expect(isActivityKind("theme_day")).toBe(true);
    expect(isActivityKind("主题党日")).toBe(false);
  });
  it("counts person-times from the best figure available", () => {
    expect(personTimes({ details: { personTimes: 60 }, presentCount: 13, attendeeIds: [1] })).toBe(60);
    expect(personTimes({ details: {}, presentCount: 13, attendeeIds: [1] })).toBe(13);
    expect(personTimes({ details: {}, presentCount: null, attendeeIds: [1, 2] })).toBe(2);
  });
});
