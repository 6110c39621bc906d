import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/db/data-dir";

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/**
 * The archive's settings from the environment (README, "Archive"). With VERITY_ARCHIVE_S3_BUCKET set,
 * segments go to that S3-compatible bucket; otherwise to VERITY_ARCHIVE_DIR (default `.data/archive`).
 * Credentials, when not given, come from the AWS SDK's usual chain (instance role, ~/.aws, …).
 */
export const ZArchiveEnvironment = z
  .object({
    VERITY_ARCHIVE_DIR: z.string().min(1).optional(),
    VERITY_ARCHIVE_S3_BUCKET: z.string().min(3).max(63).optional(),
    VERITY_ARCHIVE_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    VERITY_ARCHIVE_S3_REGION: z.string().min(1).default("us-east-1"),
    VERITY_ARCHIVE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    VERITY_ARCHIVE_S3_FORCE_PATH_STYLE: flag,
  })
  .refine((env) => !env.VERITY_ARCHIVE_S3_ACCESS_KEY_ID === !env.VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY, {
    message: "set both VERITY_ARCHIVE_S3_ACCESS_KEY_ID and VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY, or neither",
  });

export type S3ArchiveSettings = {
  bucket: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
};

export type ArchiveSettings = { kind: "directory"; directory: string } | ({ kind: "s3" } & S3ArchiveSettings);

/** The settings, or an error naming the variable that is wrong (never its value: it may be a secret). */
export function archiveSettings(env: Record<string, string | undefined> = process.env): ArchiveSettings {
  const parsed = ZArchiveEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`archive settings: ${issue.path.join(".") || "VERITY_ARCHIVE_S3_*"}: ${issue.message}`);
  }
  const values = parsed.data;
  if (!values.VERITY_ARCHIVE_S3_BUCKET)
    return {
      kind: "directory",
      directory: values.VERITY_ARCHIVE_DIR ?? path.join(env.VERITY_DATA_DIR ?? dataDir(), "archive"),
    };
  return {
    kind: "s3",
    bucket: values.VERITY_ARCHIVE_S3_BUCKET,
    ...(values.VERITY_ARCHIVE_S3_ENDPOINT ? { endpoint: values.VERITY_ARCHIVE_S3_ENDPOINT } : {}),
    region: values.VERITY_ARCHIVE_S3_REGION,
    ...(values.VERITY_ARCHIVE_S3_ACCESS_KEY_ID && values.VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: values.VERITY_ARCHIVE_S3_ACCESS_KEY_ID,
            secretAccessKey: values.VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY,
          },
        }
      : {}),
    forcePathStyle: values.VERITY_ARCHIVE_S3_FORCE_PATH_STYLE,
  };
}
