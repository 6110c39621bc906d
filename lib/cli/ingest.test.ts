import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postBatch } from "@/app/api/v1/audit-events/batch/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { runIngest, type IngestFetch } from "./ingest";

let db: Db;
let dir: string;
beforeAll(async () => {
  db = testDb();
  dir = await mkdtemp(path.join(tmpdir(), "verity-ingest-"));
});

/** The panel: the real batch route handler, in this process; counts the requests it answers. */
function panel() {
  const calls: { idempotencyKey: string; events: number }[] = [];
  const fetch: IngestFetch = async (url, init) => {
    expect(new URL(url).pathname).toBe("/api/v1/audit-events/batch");
    const request = new Request(url, { ...init, headers: { ...init.headers, "x-verity-peer-ip": "127.0.0.1" } });
    calls.push({ idempotencyKey: init.headers["idempotency-key"], events: JSON.parse(init.body).events.length });
    return postBatch(request, { params: Promise.resolve({}) });
  };
  return { fetch, calls };
}

async function run(args: string[], fetch: IngestFetch, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIngest(args, { out: (l) => out.push(l), err: (l) => err.push(l), env, fetch });
  return { code, out, err };
}

const eventLine = (n: number) =>
  JSON.stringify({ action: "payment.captured", target: { type: "payment", id: `p_${n}` } });
async function file(name: string, lines: string[]) {
  const where = path.join(dir, name);
  await writeFile(where, `${lines.join("\n")}\n`);
  return where;
}

async function orgWithKey() {
  const owner = await createOwner();
  const { key } = await createTestKey(db, owner, owner.org, { name: "Importer", scopes: ["audit.ingest"] });
  return { orgId: owner.org.id, key };
}
const targets = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId, category: "custom" }, orderBy: { seq: "asc" } })).map(
    (entry) => entry.targetId,
  );

describe("verity ingest <file.ndjson>", () => {
  it("records every line in file order, in batches, with progress, taking the URL and key from the environment", async () => {
    const { orgId, key } = await orgWithKey();
    const lines = Array.from({ length: 2_500 }, (_, n) => eventLine(n));
    lines.splice(1_200, 0, "", "  "); // blank lines are skipped
    const where = await file("payments.ndjson", lines);
    const { fetch, calls } = panel();
    const result = await run([where], fetch, { VERITY_URL: "http://127.0.0.1:3000/", VERITY_API_KEY: key });
    expect(result.code).toBe(0);
    expect(calls.map((call) => call.events)).toEqual([1_000, 1_000, 500]);
    expect(result.err).toEqual([
      "1000 of 2500 events recorded",
      "2000 of 2500 events recorded",
      "2500 of 2500 events recorded",
    ]);
    expect(result.out).toEqual([expect.stringMatching(/^recorded 2500 events, the last at seq \d+$/)]);
    expect(await targets(orgId)).toEqual(Array.from({ length: 2_500 }, (_, n) => `p_${n}`));
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });

  it("names the refused line; the batches before it stay recorded, and a run after the fix sends none of them twice", async () => {
    const { orgId, key } = await orgWithKey();
    const lines = Array.from({ length: 250 }, (_, n) => eventLine(n));
    lines[123] = JSON.stringify({ action: "Payment Captured" });
    const broken = await file("broken.ndjson", lines);
    const args = ["--url", "http://panel.test", "--api-key", key, "--batch-size", "100"];
    const refused = await run([broken, ...args], panel().fetch);
    expect(refused.code).toBe(1);
    expect(refused.out[0]).toMatch(/^REFUSED the batch of lines 101-200, nothing of it recorded: 400 /);
    expect(refused.out[0]).toMatch(/line 124 \(action\): Use lower-case dotted words/);
    expect(await targets(orgId)).toHaveLength(100);

    lines[123] = eventLine(123);
    const fixed = await file("fixed.ndjson", lines);
    const { fetch, calls } = panel();
    const rerun = await run([fixed, ...args], fetch);
    expect(rerun.code).toBe(0);
    expect(calls).toHaveLength(3);
    expect(rerun.out[0]).toMatch(
      /^recorded 250 events, the last at seq \d+ \(100 of them already recorded by an earlier run/,
    );
    expect(await targets(orgId)).toEqual(Array.from({ length: 250 }, (_, n) => `p_${n}`));
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });

  it("sends nothing when a line is not JSON, and refuses a missing key, URL or file with its usage (exit 2)", async () => {
    const { orgId, key } = await orgWithKey();
    const where = await file("half.ndjson", [eventLine(1), "{not json", eventLine(2)]);
    const { fetch, calls } = panel();
    const notJson = await run([where, "--url", "http://panel.test", "--api-key", key], fetch);
    expect(notJson).toMatchObject({ code: 2, err: ["verity ingest: line 2 is not JSON; nothing was sent"] });
    expect(calls).toHaveLength(0);
    expect((await run([where, "--url", "http://panel.test"], fetch)).code).toBe(2);
    expect((await run([where, "--api-key", key], fetch)).code).toBe(2);
    expect((await run([where, "--url", "x", "--api-key", key, "--batch-size", "1001"], fetch)).code).toBe(2);
    const missing = await run([path.join(dir, "nope.ndjson"), "--url", "http://panel.test", "--api-key", key], fetch);
    expect(missing.code).toBe(2);
    expect(await targets(orgId)).toHaveLength(0);
  });
});
