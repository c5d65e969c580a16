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
    CONSTRAINT "Activity_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_partyGroupId_fkey" FOREIGN KEY ("partyGroupId") REFERENCES "PartyGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("branchId", "createdAt", "deletedAt", "details", "durationHours", "expectedCount", "hasTime", "host", "id", "location", "notes", "occurredAt", "personTimes", "personal", "presentCount", "recorder", "reporterId", "sourceChatId", "sourceMessageId", "sourceText", "speaker", "title", "updatedAt") SELECT "branchId", "createdAt", "deletedAt", "details", "durationHours", "expectedCount", "hasTime", "host", "id", "location", "notes", "occurredAt", "personTimes", "personal", "presentCount", "recorder", "reporterId", "sourceChatId", "sourceMessageId", "sourceText", "speaker", "title", "updatedAt" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_branchId_occurredAt_idx" ON "Activity"("branchId", "occurredAt");
CREATE UNIQUE INDEX "Activity_sourceChatId_sourceMessageId_key" ON "Activity"("sourceChatId", "sourceMessageId");
-- Existing 党小组会 records keep the group their reporter belongs to now (the best the old data knows).
UPDATE "Activity" SET "partyGroupId" = (
    SELECT ms."partyGroupId" FROM "Membership" ms WHERE ms."branchId" = "Activity"."branchId" AND ms."memberId" = "Activity"."reporterId"
) WHERE EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = "Activity"."id" AND k."kind" = 'group_meeting');
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
