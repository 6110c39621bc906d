import { beforeAll, describe, expect, it } from "vitest";
import { GET as getEntry } from "@/app/api/orgs/[orgSlug]/audit-entries/[seq]/route";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";
import { GET as downloadCheckpoint } from "./route";

let db: Db;
let owner: Awaited<ReturnType<typeof createOwner>>;
let cookie: string;

beforeAll(async () => {
  db = testDb();
  owner = await createOwner();
  await enrolTotp(db, owner.user.id);
  cookie = (await sessionCookieFor(db, owner.user.id)).cookie;
});

const slug = () => owner.org.slug;
const download = (withCookie: string | null = cookie) =>
  downloadCheckpoint(
    requestWith(`/${slug()}/audit/checkpoint`, { cookie: withCookie ?? undefined }),
    params({ orgSlug: slug() }),
  );
const entry = async (seq: string) =>
  (await getEntry(
    requestWith(`/api/orgs/${slug()}/audit-entries/${seq}`, { cookie }),
    params({ orgSlug: slug(), seq }),
  ).then((response) => response.json())) as { inclusion: { status: string; checkpointSize: string | null } };

describe("the audit trail's checkpoint for a session", () => {
  it("is a 401 without a session and a 404 before the first checkpoint; entries are then not covered", async () => {
    expect((await download(null)).status).toBe(401);
    const none = await download();
    expect(none.status).toBe(404);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect((await entry("1")).inclusion).toEqual({ status: "not_covered", checkpointSize: null });
  });

  it("downloads the latest signed note as a text file, and the entry answer carries its verified proof", async () => {
    const { checkpoint } = await checkpointNow(db, owner.org.id);
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const size = checkpoint!.size.toString();
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${slug()}-checkpoint-${size}.txt"`);
    expect(await response.text()).toBe(checkpoint!.note);
    expect((await entry("1")).inclusion).toMatchObject({ status: "included", checkpointSize: size });
  });
});
