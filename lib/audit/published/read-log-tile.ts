import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { databaseTiles } from "../integrate/database-tiles";
import {
  encodeEntryBundle,
  parseEntryBundlePath,
  parseTilePath,
  TILE_WIDTH,
  tileWidthAt,
  type TileCoord,
} from "../tree/tiles";
import { latestTreeSize } from "./latest-checkpoint";

/** A tile's bytes, and whether it is full (immutable: cacheable for ever) or a partial tile of the right edge. */
export type LogTile = { bytes: Buffer; full: boolean };

const notInTree = (path: string) =>
  new AppError("not_found", `${path} is beyond the latest checkpoint of this organization's log.`);

/**
 * A tile or an entry bundle of the organization's tree at its C2SP tlog-tiles path (`tile/<L>/<N>[.p/<W>]`,
 * `tile/entries/<N>[.p/<W>]`), as far as the latest signed checkpoint reaches: a path not written exactly
 * as the spec writes it is a 400, a tile the signed tree does not reach a 404. A narrower partial tile
 * than the edge's is served too (it is a prefix of the wider one), as tile clients of older sizes ask.
 */
export async function readLogTile(tx: Tx, orgId: string, path: string): Promise<LogTile> {
  const bundle = parseEntryBundlePath(path);
  const coord = bundle ? { level: 0, ...bundle } : parseTilePath(path);
  if (!coord) {
    throw new AppError(
      "invalid_input",
      `${path} is not a tile path (tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]).`,
    );
  }
  const size = await latestTreeSize(tx, orgId);
  if (coord.width > tileWidthAt(size, coord.level, coord.index)) throw notInTree(path);
  const bytes = bundle
    ? await entryBundle(tx, orgId, coord)
    : (await databaseTiles(tx, orgId, { cached: true }).readTiles([coord]))[0];
  return { bytes, full: coord.width === TILE_WIDTH };
}

/** The chain hashes of entries index·256+1 … index·256+width, each as uint16 length ‖ 32 bytes. */
async function entryBundle(tx: Tx, orgId: string, { index, width }: TileCoord): Promise<Buffer> {
  const first = BigInt(index) * BigInt(TILE_WIDTH);
  const rows = await tx.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND seq > ${first} AND seq <= ${first + BigInt(width)}
     ORDER BY seq`;
  if (rows.length !== width) throw new Error(`entry bundle ${index} needs ${width} entries, ${rows.length} were found`);
  return encodeEntryBundle(rows.map((row) => Buffer.from(row.hash, "hex")));
}
