import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import { HASH_SIZE, leafHash, perfectRoot } from "../tree/merkle-hash";
import { TILE_WIDTH, type TileCoord, type TileReader } from "../tree/tiles";

const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/**
 * An organization's tree tiles as PostgreSQL holds them. Only full tiles are stored (audit_tree_tiles); a
 * partial tile, or a narrower view of a full one, is computed on read: at level 0 from the chain hashes of
 * the entries it covers (at most 255), at level L from the roots of the full level L−1 tiles it covers.
 */
export function databaseTiles(db: Db | Tx, orgId: string): TileReader {
  return { readTiles: (coords) => readTiles(db, orgId, coords) };
}

const keyOf = (level: number, index: number) => `${level}/${index}`;

async function readTiles(db: Db | Tx, orgId: string, coords: TileCoord[]): Promise<Buffer[]> {
  const stored = await readStoredTiles(
    db,
    orgId,
    coords.map(({ level, index }) => [level, index]),
  );
  return Promise.all(
    coords.map(async ({ level, index, width }) => {
      const full = stored.get(keyOf(level, index));
      if (full) return full.subarray(0, width * HASH_SIZE);
      if (width === TILE_WIDTH) throw new Error(`tile ${level}/${index} is not stored`);
      return level === 0 ? leavesOfEntries(db, orgId, index, width) : rootsOfTilesBelow(db, orgId, level, index, width);
    }),
  );
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
async function rootsOfTilesBelow(db: Db | Tx, orgId: string, level: number, index: number, width: number) {
  const first = BigInt(index) * BigInt(TILE_WIDTH);
  const rows = await db.$queryRaw<{ hashes: Uint8Array }[]>(Prisma.sql`
    SELECT hashes FROM audit_tree_tiles
     WHERE org_id = ${orgId}::uuid AND level = ${level - 1} AND tile_index >= ${first}
       AND tile_index < ${first + BigInt(width)}
     ORDER BY tile_index`);
  if (rows.length !== width)
    throw new Error(`tile ${level}/${index} needs ${width} full tiles below, ${rows.length} are stored`);
  return Buffer.concat(rows.map((row) => perfectRoot(checkedTile(row.hashes), 0, TILE_WIDTH)));
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
