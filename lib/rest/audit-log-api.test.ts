import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCheckpoint } from "@/app/api/v1/audit-log/checkpoint/route";
import { GET as getVerifierKeys } from "@/app/api/v1/audit-log/keys.txt/route";
import { GET as getKeys } from "@/app/api/v1/audit-log/keys/route";
import { GET as getConsistency } from "@/app/api/v1/audit-log/proof/consistency/route";
import { GET as getInclusion } from "@/app/api/v1/audit-log/proof/inclusion/route";
import { GET as getTile } from "@/app/api/v1/audit-log/tile/[...path]/route";
import { parseCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { openNote, parseVerifierKey } from "@/lib/audit/checkpoints/signed-note";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { leafHash } from "@/lib/audit/tree/merkle-hash";
import { treeHash } from "@/lib/audit/tree/proofs";
import { decodeEntryBundle, tilePath, tilesForSize, type TileCoord, type TileReader } from "@/lib/audit/tree/tiles";
import { verifyConsistency, verifyInclusion } from "@/lib/audit/tree/verify-proofs";
import type { Db } from "@/lib/db/client";
import { callApi, callApiRaw, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

type Owner = Awaited<ReturnType<typeof createOwner>>;

let db: Db;
let orgA: Owner;
let orgB: Owner;
let keyA: string;
let keyB: string;
let noAuditKey: string;
let firstSize: number;
let size: number;

const keyFor = async (owner: Owner, scopes: string[]) =>
  (await createTestKey(db, owner, owner.org, { name: "monitor", scopes: scopes as never, readOnly: true })).key;

/** The tile path as the catch-all route receives it: the segments after tile/. */
const tileParams = (path: string) => ({ path: path.replace(/^tile\//, "").split("/") }) as never;
const getTileAt = (path: string, key: string | null = keyA) =>
  callApiRaw(getTile as ApiHandler, `/audit-log/${path}`, { key, params: tileParams(path) });
const get = (handler: unknown, path: string, query = "", key: string | null = keyA) =>
  callApi(handler as ApiHandler, path, { key, query });

beforeAll(async () => {
  db = testDb();
  orgA = await createOwner();
  orgB = await createOwner();
  keyA = await keyFor(orgA, ["audit.read"]);
  keyB = await keyFor(orgB, ["audit.read"]);
  noAuditKey = await keyFor(orgA, ["members.read"]);
  await appendMany(db, orgA.org.id, 300);
  firstSize = Number((await checkpointNow(db, orgA.org.id)).checkpoint!.size);
  await appendMany(db, orgA.org.id, 250);
  size = Number((await checkpointNow(db, orgA.org.id)).checkpoint!.size);
  await appendMany(db, orgB.org.id, 5);
  await checkpointNow(db, orgB.org.id);
  await appendMany(db, orgA.org.id, 3); // after the latest checkpoint: not published yet
});

async function latestCheckpoint(key = keyA) {
  const response = await callApiRaw(getCheckpoint as ApiHandler, "/audit-log/checkpoint", { key });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  return response.text();
}

async function publishedVerifiers() {
  const { status, body } = await get(getKeys, "/audit-log/keys");
  expect(status).toBe(200);
  // A key taken up again (another test file's rotation in a shared database) is listed once per window: once here.
  return [...new Set((body.data as { vkey: string }[]).map((key) => key.vkey))].map((vkey) => parseVerifierKey(vkey));
}

/** Reads tiles through the API, as a tile client would. */
const apiTiles: TileReader = {
  readTiles: (coords: TileCoord[]) =>
    Promise.all(
      coords.map(async (coord) => {
        const response = await getTileAt(tilePath(coord));
        expect(response.status, tilePath(coord)).toBe(200);
        return Buffer.from(await response.arrayBuffer());
      }),
    ),
};

describe("the audit log's published checkpoint, tiles and proofs", () => {
  it("serves the latest checkpoint as a signed note that opens with a published key", async () => {
    const note = await latestCheckpoint();
    const opened = openNote(note, await publishedVerifiers());
    const checkpoint = parseCheckpoint(opened.text);
    expect(checkpoint.origin).toMatch(new RegExp(`/orgs/${orgA.org.id}$`));
    expect(Number(checkpoint.size)).toBe(size);
    expect(size).toBeGreaterThan(firstSize);
  });

  it("lists the keys as JSON with their windows and as one vkey a line", async () => {
    const { body } = await get(getKeys, "/audit-log/keys");
    expect(body.data.at(-1)).toMatchObject({ validUntil: null, vkey: expect.stringMatching(/^[^+]+\+[0-9a-f]{8}\+/) });
    const response = await callApiRaw(getVerifierKeys as ApiHandler, "/audit-log/keys.txt", { key: keyA });
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const distinct = [...new Set(body.data.map((key: { vkey: string }) => key.vkey))];
    expect(await response.text()).toBe(distinct.map((vkey) => `${vkey}\n`).join(""));
  });

  it("serves tiles from which the signed root is recomputed, full ones immutable, partial ones not cached", async () => {
    const checkpoint = parseCheckpoint(openNote(await latestCheckpoint(), await publishedVerifiers()).text);
    expect((await treeHash(size, apiTiles)).equals(checkpoint.rootHash)).toBe(true);
    const full = await getTileAt("tile/0/000");
    expect(full.headers.get("content-type")).toBe("application/octet-stream");
    expect(full.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const partial = tilesForSize(size).find((coord) => coord.width < 256)!;
    const edge = await getTileAt(tilePath(partial));
    expect(edge.status).toBe(200);
    expect(edge.headers.get("cache-control")).toBe("no-store");
  });

  it("serves entry bundles: each entry's chain hash, whose leaf hashes are the level-0 tile", async () => {
    const bundle = await getTileAt("tile/entries/001");
    expect(bundle.status).toBe(200);
    const chainHashes = decodeEntryBundle(new Uint8Array(await bundle.arrayBuffer()));
    const tile = Buffer.from(await (await getTileAt("tile/0/001")).arrayBuffer());
    expect(Buffer.concat(chainHashes.map(leafHash)).equals(tile)).toBe(true);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: orgA.org.id, seq: 257n } });
    expect(chainHashes[0].toString("hex")).toBe(entry.hash);
  });

  it("answers 404 for a tile beyond the latest checkpoint and 400 for a path not written as the spec writes it", async () => {
    const wider = `tile/0/002.p/${(size % 256) + 1}`; // entries appended since are not signed yet
    for (const path of [wider, "tile/0/003", "tile/1/000", "tile/entries/002.p/255", "tile/2/000.p/1"]) {
      const response = await getTileAt(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    for (const path of ["tile/0/1", "tile/0/x000/001", "tile/0/000.p/256", "tile/0/000.p/0", "tile/x/000", "tile/0"]) {
      const response = await getTileAt(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("proves the inclusion of an entry and the consistency of two sizes, and both proofs verify", async () => {
    const root = parseCheckpoint(openNote(await latestCheckpoint(), await publishedVerifiers()).text).rootHash;
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: orgA.org.id, seq: 123n } });
    const inclusion = await get(getInclusion, "/audit-log/proof/inclusion", "?seq=123");
    expect(inclusion.status).toBe(200);
    expect(inclusion.body).toMatchObject({
      seq: 123,
      leafIndex: 122,
      treeSize: size,
      rootHash: root.toString("base64"),
    });
    const proof = (inclusion.body.proof as string[]).map((hash) => Buffer.from(hash, "base64"));
    const leaf = leafHash(Buffer.from(entry.hash, "hex"));
    expect(verifyInclusion({ leafHash: leaf, index: 122, size, proof, rootHash: root })).toBe(true);
    expect(verifyInclusion({ leafHash: leaf, index: 123, size, proof, rootHash: root })).toBe(false);

    const consistency = await get(getConsistency, "/audit-log/proof/consistency", `?from=${firstSize}`);
    expect(consistency.status).toBe(200);
    const { fromRootHash, toRootHash, toSize } = consistency.body;
    expect(toSize).toBe(size);
    expect(toRootHash).toBe(root.toString("base64"));
    const oldRoot = await treeHash(firstSize, apiTiles);
    expect(fromRootHash).toBe(oldRoot.toString("base64"));
    const claim = {
      oldSize: firstSize,
      newSize: size,
      oldRoot,
      newRoot: root,
      proof: (consistency.body.proof as string[]).map((hash) => Buffer.from(hash, "base64")),
    };
    expect(verifyConsistency(claim)).toBe(true);
    expect(verifyConsistency({ ...claim, oldSize: firstSize - 1 })).toBe(false);
  });

  it("refuses sizes that are 0, not numbers, beyond the latest checkpoint, or an entry outside the tree, as 400", async () => {
    const bad = [
      [getInclusion, "/audit-log/proof/inclusion", "?seq=0"],
      [getInclusion, "/audit-log/proof/inclusion", "?seq=1&size=0"],
      [getInclusion, "/audit-log/proof/inclusion", "?seq=abc"],
      [getInclusion, "/audit-log/proof/inclusion", "?seq=1.5"],
      [getInclusion, "/audit-log/proof/inclusion", `?seq=${size + 1}`],
      [getInclusion, "/audit-log/proof/inclusion", `?seq=10&size=9`],
      [getInclusion, "/audit-log/proof/inclusion", `?seq=1&size=${size + 1}`],
      [getInclusion, "/audit-log/proof/inclusion", "?seq=1&size=99999999999999999999"],
      [getInclusion, "/audit-log/proof/inclusion", ""],
      [getConsistency, "/audit-log/proof/consistency", "?from=0"],
      [getConsistency, "/audit-log/proof/consistency", `?from=${size + 1}`],
      [getConsistency, "/audit-log/proof/consistency", `?from=5&to=4`],
      [getConsistency, "/audit-log/proof/consistency", `?from=5&to=${size + 1}`],
      [getConsistency, "/audit-log/proof/consistency", `?from=5&extra=1`],
    ] as const;
    for (const [handler, path, query] of bad) {
      const response = await get(handler, path, query);
      expect(response.status, `${path}${query}`).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("shows each organization only its own log", async () => {
    const noteB = await latestCheckpoint(keyB);
    const checkpointB = parseCheckpoint(openNote(noteB, await publishedVerifiers()).text);
    expect(checkpointB.origin).toMatch(new RegExp(`/orgs/${orgB.org.id}$`));
    expect(Number(checkpointB.size)).toBeLessThan(10);
    expect((await getTileAt("tile/0/000", keyB)).status).toBe(404); // A's full tile: B's tree does not reach it
    const inclusion = await get(getInclusion, "/audit-log/proof/inclusion", "?seq=100", keyB);
    expect(inclusion.status).toBe(400);
    const own = await get(getInclusion, "/audit-log/proof/inclusion", "?seq=1", keyB);
    expect(own.body.rootHash).toBe(checkpointB.rootHash.toString("base64"));
  });

  it("needs a key with audit.read", async () => {
    expect((await callApiRaw(getCheckpoint as ApiHandler, "/audit-log/checkpoint", { key: null })).status).toBe(401);
    expect((await callApiRaw(getCheckpoint as ApiHandler, "/audit-log/checkpoint", { key: noAuditKey })).status).toBe(
      403,
    );
    expect((await getTileAt("tile/0/000", noAuditKey)).status).toBe(403);
    expect((await get(getInclusion, "/audit-log/proof/inclusion", "?seq=1", noAuditKey)).status).toBe(403);
    expect((await get(getKeys, "/audit-log/keys", "", noAuditKey)).status).toBe(403);
  });

  it("answers 404 before an organization's first checkpoint", async () => {
    const fresh = await createOwner();
    const key = await keyFor(fresh, ["audit.read"]);
    expect((await callApiRaw(getCheckpoint as ApiHandler, "/audit-log/checkpoint", { key })).status).toBe(404);
    expect((await getTileAt("tile/0/000.p/1", key)).status).toBe(404);
  });
});
