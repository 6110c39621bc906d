import path from "node:path";
import { describe, expect, it } from "vitest";
import { archiveSettings } from "./archive-settings";

describe("the archive's settings", () => {
  it("default to a directory in the data directory", () => {
    expect(archiveSettings({ VERITY_DATA_DIR: "/srv/verity" })).toEqual({
      kind: "directory",
      directory: path.join("/srv/verity", "archive"),
    });
    expect(archiveSettings({ VERITY_ARCHIVE_DIR: "/mnt/archive" })).toEqual({
      kind: "directory",
      directory: "/mnt/archive",
    });
  });

  it("name an S3-compatible bucket, its endpoint, region, credentials and path style", () => {
    expect(
      archiveSettings({
        VERITY_ARCHIVE_S3_BUCKET: "audit-archive",
        VERITY_ARCHIVE_S3_ENDPOINT: "http://127.0.0.1:9000",
        VERITY_ARCHIVE_S3_ACCESS_KEY_ID: "AKIA-EXAMPLE",
        VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY: "very-secret",
        VERITY_ARCHIVE_S3_FORCE_PATH_STYLE: "true",
      }),
    ).toEqual({
      kind: "s3",
      bucket: "audit-archive",
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      credentials: { accessKeyId: "AKIA-EXAMPLE", secretAccessKey: "very-secret" },
      forcePathStyle: true,
    });
  });

  it("refuse what is wrong, naming the variable and never a secret", () => {
    const bad = { VERITY_ARCHIVE_S3_BUCKET: "audit-archive", VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY: "very-secret" };
    expect(() => archiveSettings(bad)).toThrow(
      /set both VERITY_ARCHIVE_S3_ACCESS_KEY_ID and VERITY_ARCHIVE_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => archiveSettings({ ...bad, VERITY_ARCHIVE_S3_ENDPOINT: "ftp://files.example.com" })).toThrow(
      /VERITY_ARCHIVE_S3_ENDPOINT/,
    );
    expect(() => archiveSettings({ VERITY_ARCHIVE_S3_BUCKET: "ab" })).toThrow(/VERITY_ARCHIVE_S3_BUCKET/);
    expect(() => archiveSettings({ ...bad, VERITY_ARCHIVE_S3_FORCE_PATH_STYLE: "yes" })).toThrow(
      /VERITY_ARCHIVE_S3_FORCE_PATH_STYLE/,
    );
    try {
      archiveSettings(bad);
    } catch (error) {
      expect(String(error)).not.toContain("very-secret");
    }
  });
});
