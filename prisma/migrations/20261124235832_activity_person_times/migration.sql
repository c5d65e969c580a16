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
    "details" TEXT NOT NULL DEFAULT '{}',
    "sourceText" TEXT,
    "sourceChatId" BIGINT,
    "sourceMessageId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "Activity_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("branchId", "createdAt", "deletedAt", "details", "durationHours", "expectedCount", "hasTime", "host", "id", "location", "notes", "occurredAt", "personal", "presentCount", "recorder", "reporterId", "sourceChatId", "sourceMessageId", "sourceText", "speaker", "title", "updatedAt") SELECT "branchId", "createdAt", "deletedAt", "details", "durationHours", "expectedCount", "hasTime", "host", "id", "location", "notes", "occurredAt", "personal", "presentCount", "recorder", "reporterId", "sourceChatId", "sourceMessageId", "sourceText", "speaker", "title", "updatedAt" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_branchId_occurredAt_idx" ON "Activity"("branchId", "occurredAt");
CREATE UNIQUE INDEX "Activity_sourceChatId_sourceMessageId_key" ON "Activity"("sourceChatId", "sourceMessageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
