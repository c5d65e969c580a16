-- AlterTable
ALTER TABLE "Membership" ADD COLUMN "fullMemberSince" TEXT;
ALTER TABLE "Membership" ADD COLUMN "removedReason" TEXT;
