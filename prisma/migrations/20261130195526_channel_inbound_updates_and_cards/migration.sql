-- AlterTable
ALTER TABLE "ChannelInbound" ADD COLUMN "callback" TEXT;
ALTER TABLE "ChannelInbound" ADD COLUMN "handedAt" DATETIME;
ALTER TABLE "ChannelInbound" ADD COLUMN "lastUpdateId" BIGINT;
ALTER TABLE "ChannelInbound" ADD COLUMN "updates" TEXT;

-- CreateTable
CREATE TABLE "ChannelCard" (
    "channel" TEXT NOT NULL,
    "chatId" INTEGER NOT NULL,
    "messageId" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "savedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channel", "chatId", "messageId")
);

-- CreateIndex
CREATE INDEX "ChannelCard_savedAt_idx" ON "ChannelCard"("savedAt");

-- CreateIndex
CREATE INDEX "ChannelInbound_handedAt_idx" ON "ChannelInbound"("handedAt");
