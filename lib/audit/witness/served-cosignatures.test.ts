import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCheckpoint } from "@/app/api/v1/audit-log/checkpoint/route";
import type { Db } from "@/lib/db/client";
import { callApiRaw, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { startTlogWitness, type TlogWitness } from "@/lib/testing/tlog-witness";
import { checkpointOrigin, parseCheckpoint } from "../checkpoints/checkpoint-text";
import { parseCosignerVerifierKey } from "../checkpoints/cosignature";
import { currentLogSigner } from "../checkpoints/log-keys";
import { openNote, parseVerifierKey } from "../checkpoints/signed-note";
import { linesOf } from "../export/bundle-file-lines";
import { exportAuditBundle } from "../export/export-audit-bundle";
import { verifyBundleCheckpoint } from "../export/verify-bundle-checkpoint";
import { checkpointNow } from "../integrate/checkpoint-now";
import { cosignDueCheckpoints } from "./cosign-due-checkpoints";
import { configuredWitnesses } from "./witness-config";

let db: Db;
let witnesses: TlogWitness[];
let owner: Awaited<ReturnType<typeof createOwner>>;
let logVkey: string;
let key: string;

beforeAll(async () => {
  db = testDb();
  witnesses = [await startTlogWitness({ name: "witness.test/a" }), await startTlogWitness({ name: "witness.test/b" })];
  owner = await createOwner();
  logVkey = (await currentLogSigner(db)).verifierKey;
  // Before the checkpoint: creating the key is an entry too (sign-up wrote two: 23 in all).
  key = (await createTestKey(db, owner, owner.org, { name: "monitor", scopes: ["audit.read"], readOnly: true })).key;
  for (const witness of witnesses) witness.addLog(checkpointOrigin(owner.org.id), [logVkey]);
  await appendMany(db, owner.org.id, 20);
  await checkpointNow(db, owner.org.id);
  const configured = configuredWitnesses({ VERITY_WITNESSES: witnesses.map((witness) => witness.entry).join(",\n") });
  await cosignDueCheckpoints(db, { witnesses: configured, orgIds: [owner.org.id] });
});
afterAll(() => Promise.all(witnesses.map((witness) => witness.close())));

/** The note opens with the log's key alone, and with each witness's key alone, over the same checkpoint. */
function expectCosignedBy(note: string, size: bigint) {
  const byLog = openNote(note, [parseVerifierKey(logVkey)]);
  expect(parseCheckpoint(byLog.text).size).toBe(size);
  expect(byLog.unverified.map((signature) => signature.name).sort()).toEqual(["witness.test/a", "witness.test/b"]);
  for (const witness of witnesses) {
    const byWitness = openNote(note, [parseCosignerVerifierKey(witness.vkey)]);
    expect(byWitness.text).toBe(byLog.text);
    expect(byWitness.verifiedBy.map((signature) => signature.name)).toEqual([witness.name]);
  }
}

describe("cosignatures served with the checkpoint", () => {
  it("GET /api/v1/audit-log/checkpoint carries both witnesses' lines after the log's", async () => {
    const response = await callApiRaw(getCheckpoint as ApiHandler, "/audit-log/checkpoint", { key });
    expect(response.status).toBe(200);
    const note = await response.text();
    const lines = note.trimEnd().split("\n");
    expect(lines.slice(-3).map((line) => line.split(" ")[1])).toEqual([
      logVkey.split("+")[0],
      "witness.test/a",
      "witness.test/b",
    ]);
    expectCosignedBy(note, 23n);
  });

  it("an export bundle's checkpoint carries them too, and still checks against the log's key", async () => {
    const { stream } = await exportAuditBundle(db, { orgId: owner.org.id, toSeq: 23n });
    const lines: string[] = [];
    for await (const line of linesOf(stream)) lines.push(line);
    const [headerLine, ...entries] = lines;
    const header = JSON.parse(headerLine) as { checkpoint: { note: string; size: number } };
    expectCosignedBy(header.checkpoint.note, 23n);
    const last = JSON.parse(entries.at(-1)!) as { hash: string };
    const check = verifyBundleCheckpoint(
      header.checkpoint as never,
      { fromSeq: 1, toSeq: 23, lastHash: last.hash, chainHashes: entries.map((line) => JSON.parse(line).hash) },
      [parseVerifierKey(logVkey)],
    );
    expect(check).toMatchObject({ ok: true, size: 23 });
  });
});
