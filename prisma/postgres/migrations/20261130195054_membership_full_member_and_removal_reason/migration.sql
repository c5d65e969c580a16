-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "fullMemberSince" TEXT,
ADD COLUMN     "removedReason" TEXT;
