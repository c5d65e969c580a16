// The names of kinds live in Fluent (locales/{zh,en}/kinds.ftl) and are read through one kindLabel:
// the English (and Chinese) name of every kind is the same on a card, in /stats and in documents.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describeCard, fieldsOfDraft } from "../../src/domain/describe.js";
import { ACTIVITY_KINDS, KIND_GROUPS } from "../../src/domain/kinds.js";
import { LANGS } from "../../src/domain/lang.js";
import { emptyDraft } from "../../src/domain/parse/index.js";
import { formatTallies, organiseTallies } from "../../src/domain/tally/index.js";
import { COMMITTEE_ROLES, groupLabel, kindLabel, parseKindNames } from "../../src/domain/tally/labels.js";
import { localesDir } from "../../src/paths.js";
import { ledgerRowsOf, type LedgerRecord } from "../../src/render/ledgerRows.js";

const record = (kind: (typeof ACTIVITY_KINDS)[number]) =>
  ({
    id: 1,
    kinds: [kind],
    occurredAt: "2024-05-01T04:00:00.000Z",
    details: {},
    absentees: [],
    attendeeIds: [],
    attendeeNames: [],
    photos: 0,
    reporterName: null,
  }) as unknown as LedgerRecord;

describe.each(LANGS)("kind names in %s", (lang) => {
  it.each(ACTIVITY_KINDS)("%s: one name on the card, in /stats and in the exported ledger", (kind) => {
    const name = kindLabel(kind, lang);
    const card = describeCard(fieldsOfDraft({ ...emptyDraft(), kinds: [kind] }), lang);
    const stats = formatTallies(organiseTallies([{ kind, events: 1, personTimes: 3 }], { events: 1, personTimes: 3 }), "2024", lang);
    const [row] = ledgerRowsOf([record(kind)], "Asia/Shanghai", lang);
    expect(card).toContain(name);
    expect(stats).toContain(lang === "en" ? `${name}: 1 ×` : `${name} 1次`);
    expect(row?.kinds).toBe(name);
  });
});

describe("the names come from locales/*/kinds.ftl", () => {
  const ftl = {
    zh: readFileSync(path.join(localesDir, "zh", "kinds.ftl"), "utf8"),
    en: readFileSync(path.join(localesDir, "en", "kinds.ftl"), "utf8"),
  };

  it.each(LANGS)("every kind, group and committee role has a name in %s, and no two kinds share one", (lang) => {
    const table = parseKindNames(ftl)[lang];
    expect(Object.keys(table.kind)).toEqual([...ACTIVITY_KINDS]);
    expect(Object.keys(table.group)).toEqual([...KIND_GROUPS]);
    expect(Object.keys(table.committeeRole)).toEqual([...COMMITTEE_ROLES]);
    expect(new Set(Object.values(table.kind)).size).toBe(ACTIVITY_KINDS.length);
  });

  it("reads the names as written", () => {
    expect([
      kindLabel("general_assembly", "zh"),
      kindLabel("general_assembly", "en"),
      kindLabel("other", "zh"),
      groupLabel("business", "zh"),
    ]).toEqual(["党员大会", "General assembly of members", "其他", "党建+业务"]);
  });

  it.each([
    ["a missing kind", (s: string) => s.replace(/^kind-talk = .*\n/m, ""), "locales/en/kinds.ftl: kind-talk is missing"],
    ["an unknown name", (s: string) => `${s}kind-picnic = Picnic\n`, "locales/en/kinds.ftl: unknown names kind-picnic"],
    ["a placeable", (s: string) => s.replace("kind-other = Other", "kind-other = { $x }"), 'expected "key = text"'],
  ] as const)("refuses %s", (_, edit, message) => {
    expect(() => parseKindNames({ zh: ftl.zh, en: edit(ftl.en) })).toThrow(message);
  });
});
