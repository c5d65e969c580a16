// Kept periods are brought up to date from the records the activities repo notes (RecordTouches): a
// write to the record tables anywhere else would only be caught as an unexplained write count (the
// period read whole). Keep every such write in the repo (activities.ts, and activitySave.ts for a new record).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const SRC = path.resolve("src");
const WRITES = [
  /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(?:Activity|ActivityKind|Attendance)[`"]?[\s(]/i,
  /\.(?:activity|activityKind|attendance)\.(?:create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\(/,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

describe("writes to the record tables", () => {
  it("are all in the activities repo", () => {
    const writers = sources(SRC)
      .filter((file) => WRITES.some((w) => w.test(readFileSync(file, "utf8"))))
      .map((file) => path.relative(SRC, file));
    expect(writers.sort()).toEqual(["db/repos/activities.ts", "db/repos/activitySave.ts"]);
  });
});
