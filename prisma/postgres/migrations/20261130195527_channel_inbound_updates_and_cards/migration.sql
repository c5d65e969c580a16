-- AlterTable
ALTER TABLE "ChannelInbound" ADD COLUMN     "callback" TEXT,
ADD COLUMN     "handedAt" TIMESTAMP(3),
ADD COLUMN     "lastUpdateId" BIGINT,
ADD COLUMN     "updates" TEXT;

-- CreateTable
CREATE TABLE "ChannelCard" (
    "channel" TEXT NOT NULL,
    "chatId" INTEGER NOT NULL,
    "messageId" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelCard_pkey" PRIMARY KEY ("channel","chatId","messageId")
);

-- CreateIndex
CREATE INDEX "ChannelCard_savedAt_idx" ON "ChannelCard"("savedAt");

-- CreateIndex
CREATE INDEX "ChannelInbound_handedAt_idx" ON "ChannelInbound"("handedAt");
