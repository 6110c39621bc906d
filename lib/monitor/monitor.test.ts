import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCheckpoint, parseCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { listPublishedLogKeys, loadLogSigner } from "@/lib/audit/checkpoints/log-keys";
import { generateSignerKey, parseSignerKey, signNote } from "@/lib/audit/checkpoints/signed-note";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { forgetEdges } from "@/lib/audit/integrate/tree-edge-cache";
import { leafHash } from "@/lib/audit/tree/merkle-hash";
import { MemoryTiles } from "@/lib/audit/tree/memory-tiles";
import { consistencyProof } from "@/lib/audit/tree/proofs";
import { parseTilePath } from "@/lib/audit/tree/tiles";
import type { Db } from "@/lib/db/client";
import { createTestKey } from "@/lib/testing/api";
import { appendMany, rewriteFrom } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { panelFetch } from "@/lib/testing/panel-fetch";
import { runMonitor } from "./run-monitor";

let db: Db;
let vkey: string;
beforeAll(async () => {
  db = testDb();
});

type Panel = { orgId: string; key: string; state: string; size: number };

async function newPanel(entries: number): Promise<Panel> {
  const owner = await createOwner();
  const { key } = await createTestKey(db, owner, owner.org, {
    name: "monitor",
    scopes: ["audit.read"],
    readOnly: true,
  });
  await appendMany(db, owner.org.id, entries);
  const { checkpoint } = await checkpointNow(db, owner.org.id);
  vkey = (await listPublishedLogKeys(db)).at(-1)!.vkey;
  const state = join(await mkdtemp(join(tmpdir(), "verity-monitor-")), "state.json");
  return { orgId: owner.org.id, key, state, size: Number(checkpoint!.size) }; // sign-up's entries too
}

/** Runs `verity monitor` against the panel; its exit code and what it wrote. */
async function monitor(panel: Panel, { extra = [] as string[], fetch = panelFetch() } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const args = ["--url", "http://panel.test", "--api-key", panel.key, "--log-key", vkey, "--state", panel.state];
  const code = await runMonitor([...args, ...extra], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    fetch,
  });
  return { code, out, err };
}

/** The org's chain hashes as the database holds them now. */
async function chainHashes(orgId: string): Promise<Buffer[]> {
  const rows = await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid ORDER BY seq`;
  return rows.map((row) => Buffer.from(row.hash, "hex"));
}

/**
 * A panel that serves a forged tree: the checkpoint `note` and tiles and consistency proofs of `tree`, where
 * the real panel would serve its own.
 */
function forgedPanel(note: string, tree: MemoryTiles) {
  return panelFetch(async (path) => {
    if (path.endsWith("/audit-log/checkpoint")) return new Response(note);
    const tile = /\/audit-log\/(tile\/.+)$/.exec(path);
    const coord = tile && parseTilePath(tile[1]);
    if (coord) return new Response(new Uint8Array((await tree.readTiles([coord]))[0]));
    return undefined;
  });
}

describe("verity monitor", () => {
  it("verifies a first checkpoint, then the next one's consistency and every new entry, in one line each", async () => {
    const panel = await newPanel(300);
    const first = await monitor(panel);
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(1);
    const size = panel.size;
    expect(first.out[0]).toMatch(
      new RegExp(`^ok: .*/orgs/${panel.orgId} at size ${size}, first run, ${size} entries proven`),
    );
    const saved = JSON.parse(await readFile(panel.state, "utf8"));
    expect(saved.size).toBe(String(size));

    await appendMany(db, panel.orgId, 40);
    await checkpointNow(db, panel.orgId);
    const second = await monitor(panel);
    expect(second.code).toBe(0);
    expect(second.out[0]).toContain(`at size ${size + 40} (consistent with ${size}), 40 new entries`);
    expect(second.err).toEqual([]);

    const full = await monitor(panel, { extra: ["--full"] });
    expect(full.out[0]).toContain(`${size + 40} entries proven included`);
  });

  it("warns when entries keep arriving and the latest checkpoint does not cover them", async () => {
    const panel = await newPanel(10);
    await appendMany(db, panel.orgId, 3);
    const run = await monitor(panel, { extra: ["--stale-after", "0"] });
    expect(run.code).toBe(0);
    const stale = `WARNING: the latest checkpoint (size ${panel.size}) is stale: entry ${panel.size + 1}`;
    expect(run.err).toEqual([expect.stringContaining(stale)]);
  });

  it("exits 1 when the trail was rewritten from seq k with every hash recomputed", async () => {
    const panel = await newPanel(300);
    expect((await monitor(panel)).code).toBe(0);
    await rewriteFrom(db, panel.orgId, 120);
    forgetEdges();
    await appendMany(db, panel.orgId, 5);
    await checkpointNow(db, panel.orgId); // the integrator halts: nothing rewritten is signed
    const run = await monitor(panel);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([expect.stringMatching(/^FAILED \(entry does not match its leaf\): entry \d+/)]);
    const full = await monitor(panel, { extra: ["--full"] });
    expect(full.out[0]).toMatch(/^FAILED \(entry does not match its leaf\): entry 120 /);
    expect(JSON.parse(await readFile(panel.state, "utf8")).size).toBe(String(panel.size)); // never moves to a bad one
  });

  it("exits 1 on a rewrite with forged tiles and a checkpoint signed by another key", async () => {
    const panel = await newPanel(300);
    expect((await monitor(panel)).code).toBe(0);
    await rewriteFrom(db, panel.orgId, 50);
    const forged = MemoryTiles.fromLeafHashes((await chainHashes(panel.orgId)).map(leafHash));
    const origin = JSON.parse(await readFile(panel.state, "utf8")).origin;
    const text = formatCheckpoint({ origin, size: forged.size, rootHash: forged.rootHash() });
    const otherKey = parseSignerKey(generateSignerKey(parseCheckpoint(text).origin.split("/")[0]).signerKey);
    const run = await monitor(panel, { fetch: forgedPanel(signNote(text, [otherKey]), forged) });
    expect(run.code).toBe(1);
    expect(run.out).toEqual([expect.stringMatching(/^FAILED \(bad signature\): /)]);
  });

  it("exits 1 naming an inconsistent history when even the log's own key signs a rewritten tree", async () => {
    const panel = await newPanel(300);
    expect((await monitor(panel)).code).toBe(0);
    await rewriteFrom(db, panel.orgId, 50);
    await appendMany(db, panel.orgId, 10);
    const forgedLeaves = (await chainHashes(panel.orgId)).map(leafHash);
    const forged = MemoryTiles.fromLeafHashes(forgedLeaves);
    const origin = JSON.parse(await readFile(panel.state, "utf8")).origin;
    const note = signNote(formatCheckpoint({ origin, size: forged.size, rootHash: forged.rootHash() }), [
      loadLogSigner(),
    ]);
    const lying = panelFetch(async (path) => {
      if (path.endsWith("/proof/consistency")) {
        const proof = await consistencyProof(panel.size, forged.size, forged);
        return Response.json({ proof: proof.map((hash) => hash.toString("base64")) });
      }
      return forgedPanel(note, forged)(`http://panel.test${path}`, { headers: {} }).then((response) =>
        response.status === 404 ? undefined : response,
      );
    });
    const run = await monitor(panel, { fetch: lying });
    expect(run.code).toBe(1);
    expect(run.out).toEqual([expect.stringMatching(/^FAILED \(inconsistent history\): /)]);

    const smaller = MemoryTiles.fromLeafHashes(forgedLeaves.slice(0, 200));
    const shrunk = signNote(formatCheckpoint({ origin, size: 200, rootHash: smaller.rootHash() }), [loadLogSigner()]);
    const shrank = await monitor(panel, { fetch: forgedPanel(shrunk, smaller) });
    expect(shrank.out).toEqual([expect.stringMatching(/^FAILED \(tree shrank\): /)]);
  });

  it("checks each entry's hash is SHA-256(prevHash ‖ contentHash) where the entry view carries contentHash", async () => {
    const panel = await newPanel(20);
    const rows = await db.auditEntry.findMany({
      where: { orgId: panel.orgId },
      select: { seq: true, contentHash: true },
    });
    const contentHashes = new Map(rows.map((row) => [row.seq.toString(), row.contentHash]));
    const withContentHashes = (tamperedSeq: string | null) =>
      panelFetch(async (path, url) => {
        if (!path.endsWith("/audit-events")) return undefined;
        const page = await (await panelFetch()(url, { headers: { authorization: `Bearer ${panel.key}` } })).json();
        for (const entry of page.data) {
          entry.contentHash = entry.seq === tamperedSeq ? "ab".repeat(32) : contentHashes.get(entry.seq);
        }
        return Response.json(page);
      });
    expect((await monitor(panel, { fetch: withContentHashes(null) })).code).toBe(0);
    const run = await monitor(panel, { fetch: withContentHashes("7"), extra: ["--full"] });
    expect(run.out).toEqual([expect.stringMatching(/^FAILED \(broken link\): entry 7's hash is not/)]);
  });

  it("with --watch, checks again every interval until stopped, and exits with the worst outcome seen", async () => {
    const panel = await newPanel(10);
    const stop = new AbortController();
    const out: string[] = [];
    let sleeps = 0;
    const sleep = async () => {
      sleeps++;
      if (sleeps === 2) await appendMany(db, panel.orgId, 5).then(() => checkpointNow(db, panel.orgId));
      if (sleeps === 3) stop.abort();
    };
    const args = ["--url", "http://panel.test", "--api-key", panel.key, "--log-key", vkey, "--state", panel.state];
    const io = {
      out: (line: string) => out.push(line),
      err: () => {},
      fetch: panelFetch(),
      sleep,
      signal: stop.signal,
    };
    expect(await runMonitor([...args, "--watch", "5"], io)).toBe(0);
    expect(out).toHaveLength(3);
    expect(out[2]).toContain(`at size ${panel.size + 5} (consistent with ${panel.size}), 5 new entries`);

    const failing = panelFetch((path) => (path.endsWith("/checkpoint") ? new Response("not a note\n") : undefined));
    const again = new AbortController();
    const once = { ...io, fetch: failing, signal: again.signal, sleep: async () => again.abort() };
    expect(await runMonitor([...args, "--watch", "5"], once)).toBe(1);
  });

  it("refuses a missing option or a log key that is not a vkey with exit 2", async () => {
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    expect(await runMonitor(["--url", "http://panel.test"], io)).toBe(2);
    const args = ["--url", "u", "--api-key", "k", "--state", "s", "--log-key", "nope"];
    expect(await runMonitor(args, io)).toBe(2);
  });
});
