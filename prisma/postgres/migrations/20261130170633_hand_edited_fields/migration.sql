-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "editedFields" TEXT NOT NULL DEFAULT '[]';

-- Data: a published item (宣传报道) or a disclosure (党务公开) has no attendees. Such records used to get
-- their reporter as the one attendee automatically, which counted 1 人次 and one 参加次数 for the
-- reporter, so that row goes and 人次 is recomputed. Every record stays, nothing else changes.
DELETE FROM "Attendance" WHERE EXISTS (
  SELECT 1 FROM "Activity" a
  WHERE a."id" = "Attendance"."activityId" AND a."reporterId" = "Attendance"."memberId" AND a."personal" = false
    AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a."id")
    AND NOT EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a."id" AND k."kind" NOT IN ('publicity', 'disclosure'))
    AND (SELECT COUNT(*) FROM "Attendance" t WHERE t."activityId" = a."id") = 1
);
UPDATE "Activity" SET "personTimes" = COALESCE(
    ("details"::jsonb ->> 'personTimes')::integer, "presentCount",
    (SELECT COUNT(*) FROM "Attendance" t WHERE t."activityId" = "Activity"."id" AND t."present")
  )
WHERE "personal" = false
  AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = "Activity"."id")
  AND NOT EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = "Activity"."id" AND k."kind" NOT IN ('publicity', 'disclosure'));
