-- DropIndex
DROP INDEX "Timer_jobId_key";

-- AlterTable
ALTER TABLE "Timer" ADD COLUMN     "claimedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Timer_state_jobId_idx" ON "Timer"("state", "jobId");
