-- AlterTable
ALTER TABLE "ReminderDelivery" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "retryAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "updateId" BIGINT NOT NULL,
    "seqKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "notBefore" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "InboxUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateIndex
CREATE INDEX "InboxUpdate_status_updateId_idx" ON "InboxUpdate"("status", "updateId");

-- CreateIndex
CREATE INDEX "InboxUpdate_status_doneAt_idx" ON "InboxUpdate"("status", "doneAt");

-- Existing deliveries: one send tried unless skipped, a claim still open dates from its row.
UPDATE "ReminderDelivery" SET "attempts" = 1 WHERE "status" <> 'skipped';
UPDATE "ReminderDelivery" SET "claimedAt" = "createdAt" WHERE "status" = 'claimed';
