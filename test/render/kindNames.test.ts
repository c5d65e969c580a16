// The English (and Chinese) name of every kind is the same on a card, in /stats and in documents.
import { describeCard, fieldsOfDraft } from "../../src/domain/describe.js";
import { ACTIVITY_KINDS } from "../../src/domain/kinds.js";
import { emptyDraft } from "../../src/domain/parse/index.js";
import { formatTallies, organiseTallies } from "../../src/domain/tally/index.js";
import { KIND_LABEL } from "../../src/domain/tally/labels.js";
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

describe.each(["en", "zh"] as const)("kind names in %s", (lang) => {
  it.each(ACTIVITY_KINDS)("%s: one name on the card, in /stats and in the exported ledger", (kind) => {
    const name = KIND_LABEL[kind][lang];
    const card = describeCard(fieldsOfDraft({ ...emptyDraft(), kinds: [kind] }), lang);
    const stats = formatTallies(organiseTallies([{ kind, events: 1, personTimes: 3 }], { events: 1, personTimes: 3 }), "2024", lang);
    const [row] = ledgerRowsOf([record(kind)], "Asia/Shanghai", lang);
    expect(card).toContain(name);
    expect(stats).toContain(lang === "en" ? `${name}: 1 ×` : `${name} 1次`);
    expect(row?.kinds).toBe(name);
  });
});
