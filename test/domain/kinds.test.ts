import { ACTIVITY_KINDS, KIND_GROUP, isActivityKind } from "../../src/domain/kinds.js";
import { personTimes } from "../../src/domain/activity.js";

describe("activity kinds", () => {
  it("puts every kind in a summary group", () => {
    for (const kind of ACTIVITY_KINDS) expect(KIND_GROUP[kind]).toBeDefined();
    expect(KIND_GROUP.branch_committee).toBe("organisation");
    expect(KIND_GROUP.integrity_education).toBe("integrity");
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
