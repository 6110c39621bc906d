import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as searchArchive } from "@/app/api/orgs/[orgSlug]/audit-entries/archive/route";
import { GET as getExport } from "@/app/api/orgs/[orgSlug]/audit-entries/export/route";
import { POST as postVerify } from "@/app/api/orgs/[orgSlug]/audit-entries/verify/route";
import { linesOf } from "@/lib/audit/export/bundle-file-lines";
import { verifyAuditBundle } from "@/lib/audit/export/verify-audit-bundle";
import type { Db } from "@/lib/db/client";
import { archiveOrg } from "@/lib/lifecycle/archive/archive-org";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";

type Owner = Awaited<ReturnType<typeof createOwner>>;
let db: Db;
let owner: Owner;
let cookie: string;
let archiveDir: string;
const previousDir = process.env.VERITY_ARCHIVE_DIR;

beforeAll(async () => {
  db = testDb();
  // The routes open the store the environment names: this test's own directory.
  archiveDir = await mkdtemp(path.join(tmpdir(), "verity-archive-routes-"));
  process.env.VERITY_ARCHIVE_DIR = archiveDir;
  owner = await createOwner();
  await enrolTotp(db, owner.user.id);
  cookie = (await sessionCookieFor(db, owner.user.id)).cookie;
  await appendMany(db, owner.org.id, 698);
  await archiveOrg(db, directoryStore(archiveDir), { orgId: owner.org.id, olderThanDays: 0, maxEntries: 256 });
});
afterAll(async () => {
  if (previousDir === undefined) delete process.env.VERITY_ARCHIVE_DIR;
  else process.env.VERITY_ARCHIVE_DIR = previousDir;
  await rm(archiveDir, { recursive: true, force: true });
});

const call = (handler: (request: Request, context: never) => Promise<Response>, pathAndQuery: string, method = "GET") =>
  handler(
    requestWith(`/api/orgs/${owner.org.slug}/audit-entries${pathAndQuery}`, { cookie, method }),
    params({ orgSlug: owner.org.slug }) as never,
  );

describe("the panel's audit routes on a trail partly archived (entries 1..512)", () => {
  it("streams an archive search: progress per segment, the matches newest first, then done", async () => {
    const q = encodeURIComponent('action:custom.test.event "00}"');
    const response = await call(searchArchive, `/archive?q=${q}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.type === "progress").at(-1)).toEqual({
      type: "progress",
      segmentsRead: 2,
      segmentsTotal: 2,
    });
    const seqs = lines.flatMap((line) =>
      line.type === "entries" ? line.entries.map((entry: { seq: string }) => entry.seq) : [],
    );
    expect(seqs).toEqual(["503", "403", "303", "203", "103"]);
    expect(lines.at(-1)).toMatchObject({ type: "done", matched: 5, truncated: false });
    // A malformed search is a 400 before any segment is read.
    expect((await call(searchArchive, `/archive?q=${encodeURIComponent('"open')}`)).status).toBe(400);
  });

  it("exports archived and hot entries as one trail, announcing the total, and a bundle of both that verifies", async () => {
    const q = encodeURIComponent('action:custom.test.event "00}"');
    const csv = await call(getExport, `/export?format=csv&q=${q}`);
    expect(csv.headers.get("x-verity-export-total")).toBe("6");
    const rows = (await csv.text()).trim().split("\n").slice(1);
    expect(rows.map((row) => row.split(",")[0])).toEqual(["103", "203", "303", "403", "503", "603"]);
    const hotOnly = await call(getExport, `/export?format=csv&q=${q}&archive=0`);
    expect(hotOnly.headers.get("x-verity-export-total")).toBe("1");
    await hotOnly.text();

    const bundle = await call(getExport, "/export?format=bundle");
    const verified = await verifyAuditBundle(linesOf(bundle.body!));
    expect(verified).toMatchObject({ ok: true, fromSeq: 1 });
  });

  it("verifies the archive first, then the hot chain: one verdict", async () => {
    const response = await call(postVerify, "?progress=0", "POST");
    const result = await response.json();
    expect(result).toMatchObject({ ok: true, archivedThrough: "512", firstBad: null });
    expect(result.archive).toEqual({ segments: 2, entries: "512", purged: 0, problems: [] });
  });
});
