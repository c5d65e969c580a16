-- CreateTable
CREATE TABLE "InboxUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "seqKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "notBefore" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReminderDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "branchId" INTEGER NOT NULL,
    "occurrenceKey" TEXT NOT NULL,
    "offsetKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "claimedAt" DATETIME,
    "claimedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "ReminderDelivery_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReminderDelivery" ("branchId", "createdAt", "error", "id", "key", "occurrenceKey", "offsetKey", "recipient", "sentAt", "status") SELECT "branchId", "createdAt", "error", "id", "key", "occurrenceKey", "offsetKey", "recipient", "sentAt", "status" FROM "ReminderDelivery";
DROP TABLE "ReminderDelivery";
ALTER TABLE "new_ReminderDelivery" RENAME TO "ReminderDelivery";
CREATE UNIQUE INDEX "ReminderDelivery_key_key" ON "ReminderDelivery"("key");
CREATE INDEX "ReminderDelivery_branchId_occurrenceKey_idx" ON "ReminderDelivery"("branchId", "occurrenceKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InboxUpdate_status_updateId_idx" ON "InboxUpdate"("status", "updateId");

-- CreateIndex
CREATE INDEX "InboxUpdate_status_doneAt_idx" ON "InboxUpdate"("status", "doneAt");

-- Existing deliveries: one send tried unless skipped, a claim still open dates from its row.
UPDATE "ReminderDelivery" SET "attempts" = 1 WHERE "status" <> 'skipped';
UPDATE "ReminderDelivery" SET "claimedAt" = "createdAt" WHERE "status" = 'claimed';
