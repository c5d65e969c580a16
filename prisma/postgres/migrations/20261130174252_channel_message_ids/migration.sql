-- AlterTable
ALTER TABLE "ChannelChat" ADD COLUMN     "lastMessageId" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ChannelUser" ADD COLUMN     "lastMessageId" INTEGER NOT NULL DEFAULT 0;
