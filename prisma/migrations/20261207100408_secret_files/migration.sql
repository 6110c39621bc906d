-- AlterTable
ALTER TABLE "secret_versions" ADD COLUMN     "file_content_type" TEXT,
ADD COLUMN     "file_name" TEXT,
ADD COLUMN     "file_size" INTEGER;

-- A version is a string (no file metadata) or a file (all three); never half of one.
ALTER TABLE "secret_versions" ADD CONSTRAINT "secret_versions_file_metadata"
  CHECK ((file_name IS NULL) = (file_content_type IS NULL) AND (file_name IS NULL) = (file_size IS NULL));
