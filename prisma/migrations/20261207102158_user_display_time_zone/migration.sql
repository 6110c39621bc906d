-- AlterTable
ALTER TABLE "users" ADD COLUMN     "display_time_zone" TEXT;
