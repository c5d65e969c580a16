-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChannelChat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "lastMessageId" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ChannelChat" ("channel", "createdAt", "externalId", "id", "title") SELECT "channel", "createdAt", "externalId", "id", "title" FROM "ChannelChat";
DROP TABLE "ChannelChat";
ALTER TABLE "new_ChannelChat" RENAME TO "ChannelChat";
CREATE UNIQUE INDEX "ChannelChat_channel_externalId_key" ON "ChannelChat"("channel", "externalId");
CREATE TABLE "new_ChannelUser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "lastMessageId" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ChannelUser" ("channel", "createdAt", "externalId", "id", "name") SELECT "channel", "createdAt", "externalId", "id", "name" FROM "ChannelUser";
DROP TABLE "ChannelUser";
ALTER TABLE "new_ChannelUser" RENAME TO "ChannelUser";
CREATE UNIQUE INDEX "ChannelUser_channel_externalId_key" ON "ChannelUser"("channel", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
