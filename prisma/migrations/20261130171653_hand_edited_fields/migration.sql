-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchId" INTEGER NOT NULL,
    "reporterId" INTEGER NOT NULL,
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "occurredAt" DATETIME NOT NULL,
    "hasTime" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT,
    "location" TEXT,
    "host" TEXT,
    "recorder" TEXT,
    "speaker" TEXT,
    "expectedCount" INTEGER,
    "presentCount" INTEGER,
    "durationHours" REAL,
    "personTimes" INTEGER NOT NULL DEFAULT 0,
    "notes" TEXT,
    "observers" TEXT,
    "resolutions" TEXT,
    "voteKind" TEXT,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstain" INTEGER,
    "partyGroupId" INTEGER,
    "details" TEXT NOT NULL DEFAULT '{}',
    "sourceText" TEXT,
    "sourceChatId" BIGINT,
    "sourceMessageId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "editedFields" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Activity_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_partyGroupId_fkey" FOREIGN KEY ("partyGroupId") REFERENCES "PartyGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("branchId", "createdAt", "deletedAt", "details", "durationHours", "expectedCount", "hasTime", "host", "id", "location", "notes", "observers", "occurredAt", "partyGroupId", "personTimes", "personal", "presentCount", "recorder", "reporterId", "resolutions", "sourceChatId", "sourceMessageId", "sourceText", "speaker", "title", "updatedAt", "voteKind", "votesAbstain", "votesAgainst", "votesFor") SELECT "branchId", "createdAt", "deletedAt", "details", "durationHours", "expectedCount", "hasTime", "host", "id", "location", "notes", "observers", "occurredAt", "partyGroupId", "personTimes", "personal", "presentCount", "recorder", "reporterId", "resolutions", "sourceChatId", "sourceMessageId", "sourceText", "speaker", "title", "updatedAt", "voteKind", "votesAbstain", "votesAgainst", "votesFor" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_branchId_occurredAt_idx" ON "Activity"("branchId", "occurredAt");
CREATE UNIQUE INDEX "Activity_sourceChatId_sourceMessageId_key" ON "Activity"("sourceChatId", "sourceMessageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Data: a published item (宣传报道) or a disclosure (党务公开) has no attendees. Such records used to get
-- their reporter as the one attendee automatically, which counted 1 人次 and one 参加次数 for the
-- reporter, so that row goes and 人次 is recomputed. Every record stays, nothing else changes.
DELETE FROM "Attendance" WHERE EXISTS (
  SELECT 1 FROM "Activity" a
  WHERE a."id" = "Attendance"."activityId" AND a."reporterId" = "Attendance"."memberId" AND a."personal" = false
    AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a."id")
    AND NOT EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a."id" AND k."kind" NOT IN ('publicity', 'disclosure'))
    AND (SELECT COUNT(*) FROM "Attendance" t WHERE t."activityId" = a."id") = 1
);
UPDATE "Activity" SET "personTimes" = COALESCE(
    json_extract("details", '$.personTimes'), "presentCount",
    (SELECT COUNT(*) FROM "Attendance" t WHERE t."activityId" = "Activity"."id" AND t."present")
  )
WHERE "personal" = false
  AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = "Activity"."id")
  AND NOT EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = "Activity"."id" AND k."kind" NOT IN ('publicity', 'disclosure'));
