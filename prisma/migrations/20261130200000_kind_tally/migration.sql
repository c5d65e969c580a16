-- CreateTable
CREATE TABLE "KindTally" (
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "personTimes" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("branchId", "year", "kind"),
    CONSTRAINT "KindTally_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
