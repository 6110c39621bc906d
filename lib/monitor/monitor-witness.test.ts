import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointOrigin } from "@/lib/audit/checkpoints/checkpoint-text";
import { formatCosignerVerifierKey } from "@/lib/audit/checkpoints/cosignature";
import { currentLogSigner } from "@/lib/audit/checkpoints/log-keys";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { cosignDueCheckpoints } from "@/lib/audit/witness/cosign-due-checkpoints";
import { configuredWitnesses } from "@/lib/audit/witness/witness-config";
import type { Db } from "@/lib/db/client";
import { createTestKey } from "@/lib/testing/api";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { panelFetch } from "@/lib/testing/panel-fetch";
import { startTlogWitness, type TlogWitness } from "@/lib/testing/tlog-witness";
import { runMonitor } from "./run-monitor";

let db: Db;
let witness: TlogWitness;
let logVkey: string;
beforeAll(async () => {
  db = testDb();
  witness = await startTlogWitness();
  logVkey = (await currentLogSigner(db)).verifierKey;
});
afterAll(() => witness.close());

/** An organization with a signed checkpoint, an audit.read key, and a fresh state file. */
async function newPanel() {
  const owner = await createOwner();
  const { key } = await createTestKey(db, owner, owner.org, {
    name: "monitor",
    scopes: ["audit.read"],
    readOnly: true,
  });
  await appendMany(db, owner.org.id, 12);
  await checkpointNow(db, owner.org.id);
  witness.addLog(checkpointOrigin(owner.org.id), [logVkey]);
  const state = join(await mkdtemp(join(tmpdir(), "verity-monitor-")), "state.json");
  return { orgId: owner.org.id, key, state };
}

async function monitor(panel: { key: string; state: string }, extra: string[], fetch = panelFetch()) {
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  const args = ["--url", "http://panel.test", "--api-key", panel.key, "--log-key", logVkey, "--state", panel.state];
  const code = await runMonitor([...args, ...extra], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { code, out, err, sleeps };
}

const cosign = (orgId: string) =>
  cosignDueCheckpoints(db, { witnesses: configuredWitnesses({ VERITY_WITNESSES: witness.entry }), orgIds: [orgId] });

describe("verity monitor --witness-key", () => {
  it("passes when the witness cosigned the latest checkpoint, and says so", async () => {
    const panel = await newPanel();
    await cosign(panel.orgId);
    const run = await monitor(panel, ["--witness-key", witness.vkey]);
    expect(run.out).toEqual([expect.stringMatching(new RegExp(`, cosigned by ${witness.name}$`))]);
    expect(run.code).toBe(0);
  });

  it("fails naming the witness when the latest checkpoint stays without its cosignature", async () => {
    const panel = await newPanel();
    const run = await monitor(panel, ["--witness-key", witness.vkey]);
    expect(run.out).toEqual([
      expect.stringMatching(
        /^FAILED \(no cosignature\): the latest checkpoint \(size 15\) has no cosignature by witness/,
      ),
    ]);
    expect(run.sleeps).toEqual([2000, 2000, 2000, 2000]); // fetched 5 times: cosigning follows signing
    expect(run.code).toBe(1);
  });

  it("fails when a line by the witness's key does not verify", async () => {
    const panel = await newPanel();
    await cosign(panel.orgId);
    const forged = panelFetch(async (path, url) => {
      if (!path.endsWith("/audit-log/checkpoint")) return undefined;
      const real = await panelFetch()(url, { headers: { authorization: `Bearer ${panel.key}` } });
      const note = await real.text();
      return new Response(
        note.replace(/(— witness\.test\/w1 \S{20})(\S)/, (_, head, c) => head + (c === "A" ? "B" : "A")),
      );
    });
    const run = await monitor(panel, ["--witness-key", witness.vkey], forged);
    expect(run.out).toEqual([
      expect.stringMatching(/^FAILED \(bad signature\): the cosignature by witness witness.test\/w1/),
    ]);
    expect(run.code).toBe(1);
  });

  it("refuses a witness key that is not a cosigner key (usage, exit 2)", async () => {
    const panel = await newPanel();
    const noteKey = formatCosignerVerifierKey("w", Buffer.alloc(32)).replace(/\+B/, "+A");
    const run = await monitor(panel, ["--witness-key", logVkey]);
    expect(run.err).toEqual([expect.stringMatching(/^verity monitor: --witness-key is not a witness's cosigner key/)]);
    expect(run.code).toBe(2);
    expect((await monitor(panel, ["--witness-key", noteKey])).code).toBe(2);
  });
});
