import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import { HASH_SIZE, leafHash, perfectRoot } from "../tree/merkle-hash";
import { TILE_WIDTH, type TileCoord, type TileReader } from "../tree/tiles";
import { cachedFullTiles, cachedTileRoots, tileCacheKey, versionedTileRoots } from "./full-tile-cache";

const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/**
 * An organization's tree tiles as PostgreSQL holds them. Only full tiles are stored (audit_tree_tiles); a
 * partial tile, or a narrower view of a full one, is computed on read: at level 0 from the chain hashes of
 * the entries it covers (at most 255), at level L from the roots of the full level L−1 tiles it covers.
 * A reader remembers the tiles it handed back (one request's proof and roots read and fold each tile once);
 * with `cached`, the published read paths also share full tiles and their roots across requests
 * (full-tile-cache.ts).
 */
export function databaseTiles(db: Db | Tx, orgId: string, { cached = false }: { cached?: boolean } = {}): TileReader {
  // By level/index, the widest tile read: a narrower one is its prefix (a proof's tree and an older size's root
  // ask for the right edge at two widths, one query).
  const handedOut = new Map<string, { width: number; tile: Promise<Buffer> }>();
  return {
    readTiles: async (coords) => {
      const widest = new Map<string, TileCoord>();
      for (const coord of coords) {
        const key = keyOf(coord.level, coord.index);
        const known = Math.max(handedOut.get(key)?.width ?? 0, widest.get(key)?.width ?? 0);
        if (coord.width > known) widest.set(key, coord);
      }
      const missing = [...widest.values()];
      if (missing.length > 0) {
        const read = readTiles(db, orgId, missing, cached);
        missing.forEach((coord, n) =>
          handedOut.set(keyOf(coord.level, coord.index), { width: coord.width, tile: read.then((tiles) => tiles[n]) }),
        );
        read.catch(() => missing.forEach((coord) => handedOut.delete(keyOf(coord.level, coord.index))));
      }
      return Promise.all(
        coords.map(async (coord) => {
          const tile = await handedOut.get(keyOf(coord.level, coord.index))!.tile;
          return tile.length === coord.width * HASH_SIZE ? tile : tile.subarray(0, coord.width * HASH_SIZE);
        }),
      );
    },
  };
}

const keyOf = (level: number, index: number) => `${level}/${index}`;

async function readTiles(db: Db | Tx, orgId: string, coords: TileCoord[], cached: boolean): Promise<Buffer[]> {
  const stored = new Map<string, Buffer>();
  if (cached) {
    for (const { level, index } of coords) {
      const tile = cachedFullTiles.get(tileCacheKey(orgId, level, index));
      if (tile) stored.set(keyOf(level, index), tile);
    }
  }
  const unread = coords.filter(({ level, index }) => !stored.has(keyOf(level, index)));
  const read = await readStoredTiles(
    db,
    orgId,
    unread.map(({ level, index }) => [level, index]),
  );
  for (const [key, tile] of read) {
    stored.set(key, tile);
    if (cached) cachedFullTiles.set(`${orgId}/${key}`, tile);
  }
  const tiles: Buffer[] = [];
  for (const { level, index, width } of coords) {
    const full = stored.get(keyOf(level, index));
    if (full) tiles.push(width === TILE_WIDTH ? full : full.subarray(0, width * HASH_SIZE));
    else if (width === TILE_WIDTH) throw new Error(`tile ${level}/${index} is not stored`);
    // One after the other: the queries may share a transaction.
    else if (level === 0) tiles.push(await leavesOfEntries(db, orgId, index, width));
    else tiles.push(await rootsOfTilesBelow(db, orgId, level, index, width, cached));
  }
  return tiles;
}

/** The stored full tiles among the given [level, index] pairs, by "level/index". */
async function readStoredTiles(db: Db | Tx, orgId: string, wanted: [number, number][]): Promise<Map<string, Buffer>> {
  if (wanted.length === 0) return new Map();
  const rows = await db.$queryRaw<{ level: number; tile_index: bigint; hashes: Uint8Array }[]>`
    SELECT level, tile_index, hashes FROM audit_tree_tiles
     WHERE org_id = ${orgId}::uuid
       AND (level, tile_index) IN (SELECT l::smallint, i::bigint
                                     FROM unnest(${wanted.map(([level]) => level)}::int[],
                                                 ${wanted.map(([, index]) => String(index))}::text[]) AS t(l, i))`;
  return new Map(rows.map((row) => [keyOf(row.level, Number(row.tile_index)), checkedTile(row.hashes)]));
}

function checkedTile(hashes: Uint8Array): Buffer {
  if (hashes.length !== TILE_BYTES) throw new Error(`a stored tile holds ${hashes.length} bytes, not ${TILE_BYTES}`);
  return Buffer.from(hashes);
}

/** Level 0, tile `index`, first `width` leaves: SHA-256(0x00 ‖ chain hash) of entries index·256+1 … index·256+width. */
async function leavesOfEntries(db: Db | Tx, orgId: string, index: number, width: number): Promise<Buffer> {
  const first = BigInt(index) * BigInt(TILE_WIDTH);
  const rows = await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND seq > ${first} AND seq <= ${first + BigInt(width)}
     ORDER BY seq`;
  if (rows.length !== width) throw new Error(`tile 0/${index} needs ${width} entries, ${rows.length} were found`);
  return Buffer.concat(rows.map((row) => leafHash(Buffer.from(row.hash, "hex"))));
}

/** Level L, tile `index`, first `width` hashes: the roots of full level L−1 tiles index·256 … index·256+width−1. */
async function rootsOfTilesBelow(
  db: Db | Tx,
  orgId: string,
  level: number,
  index: number,
  width: number,
  cached: boolean,
): Promise<Buffer> {
  const below = Array.from({ length: width }, (_, n) => index * TILE_WIDTH + n);
  const missing = (at: number) =>
    new Error(`tile ${level}/${index} needs ${width} full tiles below, ${at} is not stored`);
  if (!cached) return rootsOfCheckedTiles(db, orgId, level - 1, below, missing);
  const roots = below.map((at) => cachedTileRoots.get(tileCacheKey(orgId, level - 1, at)));
  const unknown = below.filter((_, n) => roots[n] === undefined);
  if (unknown.length > 0) {
    const rows = await db.$queryRaw<{ tile_index: bigint; hashes: Uint8Array }[]>(Prisma.sql`
      SELECT tile_index, hashes FROM audit_tree_tiles
       WHERE org_id = ${orgId}::uuid AND level = ${level - 1} AND tile_index >= ${BigInt(unknown[0])}
         AND tile_index <= ${BigInt(unknown.at(-1)!)}
       ORDER BY tile_index`);
    const byIndex = new Map(rows.map((row) => [Number(row.tile_index), row.hashes]));
    below.forEach((at, n) => {
      if (roots[n] !== undefined) return;
      const hashes = byIndex.get(at);
      if (!hashes) throw missing(at);
      roots[n] = perfectRoot(checkedTile(hashes), 0, TILE_WIDTH);
      cachedTileRoots.set(tileCacheKey(orgId, level - 1, at), roots[n]);
    });
  }
  return Buffer.concat(roots as Buffer[]);
}

/**
 * The roots of the consecutive full tiles `indexes` of `level`, as the integrator and verification read them:
 * every row is looked up, but its 8 KiB are sent and folded again only when the row is not the version (xmin)
 * that a root was folded from before. An UPDATE of a tile row, or a DELETE and INSERT, even by a superuser with
 * the append-only trigger disabled, makes a row version with the xmin of the transaction that wrote it: a tile
 * changed by any later transaction is folded from what is stored. A row this transaction wrote (the integrator
 * stores tiles, then checks) is folded but never kept, since a later change in this same transaction would keep
 * its xmin. (xmin is PostgreSQL's 32-bit transaction id: the check trusts the database's row versioning, as the
 * append-only triggers trust its permissions; monitors and outside verifiers re-hash the tiles they are served.)
 */
async function rootsOfCheckedTiles(
  db: Db | Tx,
  orgId: string,
  level: number,
  indexes: number[],
  missing: (at: number) => Error,
): Promise<Buffer> {
  const known = new Map<number, { version: string; root: Buffer }>();
  for (const at of indexes) {
    const root = versionedTileRoots.get(tileCacheKey(orgId, level, at));
    if (root) known.set(at, root);
  }
  const rows = await db.$queryRaw<{ tile_index: bigint; version: string; own: boolean; hashes: Uint8Array | null }[]>(
    Prisma.sql`
    SELECT t.tile_index, t.xmin::text AS version, t.xmin::text = mine.xid AS own,
           CASE WHEN k.version IS DISTINCT FROM t.xmin::text OR t.xmin::text = mine.xid THEN t.hashes END AS hashes
      FROM audit_tree_tiles t
      CROSS JOIN (SELECT coalesce((pg_catalog.txid_current_if_assigned() % 4294967296)::text, '') AS xid) mine
      LEFT JOIN unnest(${[...known.keys()].map(String)}::text[], ${[...known.values()].map((root) => root.version)}::text[])
             AS k(tile_index, version) ON k.tile_index::bigint = t.tile_index
     WHERE t.org_id = ${orgId}::uuid AND t.level = ${level}
       AND t.tile_index >= ${BigInt(indexes[0])} AND t.tile_index <= ${BigInt(indexes.at(-1)!)}`,
  );
  const byIndex = new Map(rows.map((row) => [Number(row.tile_index), row]));
  return Buffer.concat(
    indexes.map((at) => {
      const row = byIndex.get(at);
      if (!row) throw missing(at);
      const kept = known.get(at);
      if (kept && row.version === kept.version && !row.own) return kept.root;
      if (row.hashes === null) throw new Error(`tile ${level}/${at} holds no hashes`);
      const root = perfectRoot(checkedTile(row.hashes), 0, TILE_WIDTH);
      if (!row.own) versionedTileRoots.set(tileCacheKey(orgId, level, at), { version: row.version, root });
      return root;
    }),
  );
}

/** Stores the tiles appendLeaves filled, in one statement. A tile already stored is an error: tiles never change. */
export async function storeFullTiles(
  tx: Tx,
  orgId: string,
  tiles: { coord: TileCoord; hashes: Buffer }[],
): Promise<void> {
  if (tiles.length === 0) return;
  for (const { coord, hashes } of tiles) {
    if (coord.width !== TILE_WIDTH || hashes.length !== TILE_BYTES) throw new Error("only full tiles are stored");
  }
  // One bytea of all the tiles, cut into 8,192-byte pieces by position: no array of bytea to pass.
  await tx.$executeRaw`
    INSERT INTO audit_tree_tiles (org_id, level, tile_index, hashes)
    SELECT ${orgId}::uuid, l::smallint, i::bigint, substring(${Buffer.concat(tiles.map((tile) => tile.hashes))}::bytea
                                                            FROM ((n - 1) * ${TILE_BYTES} + 1)::int FOR ${TILE_BYTES})
      FROM unnest(${tiles.map((tile) => tile.coord.level)}::int[], ${tiles.map((tile) => String(tile.coord.index))}::text[])
           WITH ORDINALITY AS t(l, i, n)`;
}
