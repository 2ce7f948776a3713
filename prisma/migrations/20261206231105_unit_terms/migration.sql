-- Units with a life, officials with terms, and which unit held each task over time (issue 16).

-- AlterTable: the unit kind becomes text ("special-zone" is not an identifier Prisma can name in an enum): every
-- existing value is kept as it was.
ALTER TABLE "Unit" ALTER COLUMN "kind" TYPE TEXT USING "kind"::text;

ALTER TABLE "Unit" ADD COLUMN     "dissolutionDocument" TEXT,
ADD COLUMN     "dissolvedOn" TIMESTAMP(3),
ADD COLUMN     "successorCode" TEXT,
ADD COLUMN     "tasksPassedAt" TIMESTAMP(3),
ADD COLUMN     "validFrom" TIMESTAMP(3);

-- AlterTable: existing officials hold their posts since before da06 knew (termStart null) and still do (termEnd null).
ALTER TABLE "Official" ADD COLUMN     "readdressAt" TIMESTAMP(3),
ADD COLUMN     "termEnd" TIMESTAMP(3),
ADD COLUMN     "termStart" TIMESTAMP(3);

-- DropEnum
DROP TYPE "UnitKind";

-- CreateTable
CREATE TABLE "TaskAssignment" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "heldFrom" TIMESTAMP(3) NOT NULL,
    "heldUntil" TIMESTAMP(3),
    "document" TEXT,

    CONSTRAINT "TaskAssignment_pkey" PRIMARY KEY ("id")
);

-- Backfill: every existing task has been held by its unit since it began (its start or its creation, the earlier).
INSERT INTO "TaskAssignment" ("taskId", "unitId", "heldFrom")
SELECT id, "unitId", LEAST("startAt", "createdAt") FROM "Task" ORDER BY id;

-- CreateIndex
CREATE INDEX "TaskAssignment_taskId_heldFrom_idx" ON "TaskAssignment"("taskId", "heldFrom");

-- CreateIndex
CREATE INDEX "TaskAssignment_unitId_idx" ON "TaskAssignment"("unitId");

-- CreateIndex
CREATE INDEX "Official_readdressAt_idx" ON "Official"("readdressAt");

-- CreateIndex
CREATE INDEX "Unit_successorCode_idx" ON "Unit"("successorCode");

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
