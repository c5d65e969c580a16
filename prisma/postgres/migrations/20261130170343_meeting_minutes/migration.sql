-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "observers" TEXT,
ADD COLUMN     "partyGroupId" INTEGER,
ADD COLUMN     "resolutions" TEXT,
ADD COLUMN     "voteKind" TEXT,
ADD COLUMN     "votesAbstain" INTEGER,
ADD COLUMN     "votesAgainst" INTEGER,
ADD COLUMN     "votesFor" INTEGER;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_partyGroupId_fkey" FOREIGN KEY ("partyGroupId") REFERENCES "PartyGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing 党小组会 records keep the group their reporter belongs to now (the best the old data knows).
UPDATE "Activity" SET "partyGroupId" = (
    SELECT ms."partyGroupId" FROM "Membership" ms WHERE ms."branchId" = "Activity"."branchId" AND ms."memberId" = "Activity"."reporterId"
) WHERE EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = "Activity"."id" AND k."kind" = 'group_meeting');
