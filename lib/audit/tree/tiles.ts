/**
 * How an organization's Merkle tree is cut into tiles, per C2SP tlog-tiles: a tile at level L holds up to 256
 * consecutive hashes of tree level 8·L, each the root of 256^L leaves; tile N of level L starts at hash N·256.
 * Full tiles (256 hashes) never change; the right edge of a tree is made of partial tiles (1..255 hashes), one
 * per level at most. Tile and entry-bundle paths are the spec's, so existing tile clients can read our tiles.
 */
import { HASH_SIZE } from "./merkle-hash";

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** One tile: its level, its index within the level, and its width in hashes (1..255 partial, 256 full). */
export type TileCoord = { level: number; index: number; width: number };

/**
 * Reads tiles by coordinate; each answer is `width × 32` bytes, in the order asked. A partial tile's hashes are
 * the first hashes of every wider tile at the same level and index, so a store may answer a partial tile with
 * the first `width × 32` bytes of a wider partial tile or of the full tile it became.
 */
export interface TileReader {
  readTiles(coords: TileCoord[]): Promise<Buffer[]>;
}

const MAX_LEVEL = 63;

/** How many hashes of tree level 8·level a tree of `size` leaves has (complete subtrees of 256^level leaves). */
export function hashesAtTileLevel(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** The width tile `index` of `level` has in a tree of `size` leaves (0 when the tree does not reach it). */
export function tileWidthAt(size: number, level: number, index: number): number {
  return Math.max(0, Math.min(TILE_WIDTH, hashesAtTileLevel(size, level) - index * TILE_WIDTH));
}

/** "x001/x234/067" for 1234067: zero-padded 3-digit groups, all but the last prefixed with x. */
function indexPath(index: number): string {
  let groups = String(index % 1000).padStart(3, "0");
  for (let rest = Math.floor(index / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
    groups = `x${String(rest % 1000).padStart(3, "0")}/${groups}`;
  }
  return groups;
}

function checkCoord({ level, index, width }: TileCoord): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_LEVEL) throw new RangeError(`bad tile level ${level}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad tile index ${index}`);
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`bad tile width ${width}`);
}

const widthSuffix = (width: number) => (width === TILE_WIDTH ? "" : `.p/${width}`);

/** `tile/<L>/<N>[.p/<W>]` (C2SP tlog-tiles "Merkle Tree"). */
export function tilePath(coord: TileCoord): string {
  checkCoord(coord);
  return `tile/${coord.level}/${indexPath(coord.index)}${widthSuffix(coord.width)}`;
}

/** `tile/entries/<N>[.p/<W>]` (C2SP tlog-tiles "Log entries"): the entries behind level-0 tile `index`. */
export function entryBundlePath(index: number, width: number): string {
  checkCoord({ level: 0, index, width });
  return `tile/entries/${indexPath(index)}${widthSuffix(width)}`;
}

const TILE_PATH = /^tile\/(0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;
const ENTRIES_PATH = /^tile\/entries\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** The coordinate of a canonical path, or undefined (leading zero groups, width 256 spelled out, and so on). */
function coordOf(level: number, indexText: string, widthText: string | undefined): TileCoord | undefined {
  const index = Number(indexText.replaceAll("x", "").replaceAll("/", ""));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (level > MAX_LEVEL || !Number.isSafeInteger(index) || width > TILE_WIDTH) return undefined;
  if (widthText !== undefined && width === TILE_WIDTH) return undefined; // a full tile has no .p/256
  if (indexPath(index) !== indexText) return undefined; // "x000/005" is not how 5 is written
  return { level, index, width };
}

/** The tile a `tile/<L>/<N>[.p/<W>]` path names, or undefined for anything not written exactly as tilePath would. */
export function parseTilePath(path: string): TileCoord | undefined {
  const match = TILE_PATH.exec(path);
  return match ? coordOf(Number(match[1]), match[2], match[3]) : undefined;
}

/** The level-0 tile index and width a `tile/entries/<N>[.p/<W>]` path names, or undefined when not canonical. */
export function parseEntryBundlePath(path: string): { index: number; width: number } | undefined {
  const match = ENTRIES_PATH.exec(path);
  const coord = match ? coordOf(0, match[1], match[2]) : undefined;
  return coord && { index: coord.index, width: coord.width };
}

/** The partial tiles at the right edge of a tree of `size` leaves, lowest level first (none for 0). */
export function partialTilesForSize(size: number): TileCoord[] {
  const tiles: TileCoord[] = [];
  for (let level = 0; hashesAtTileLevel(size, level) > 0; level++) {
    const hashes = hashesAtTileLevel(size, level);
    if (hashes % TILE_WIDTH > 0)
      tiles.push({ level, index: Math.floor(hashes / TILE_WIDTH), width: hashes % TILE_WIDTH });
  }
  return tiles;
}

/**
 * Every tile, full and partial, that makes up a tree of `size` leaves, level by level: e.g. 70,000 leaves are 273
 * full and one 112-wide tile at level 0, one full and one 17-wide tile at level 1, and one 1-wide tile at level 2.
 */
export function tilesForSize(size: number): TileCoord[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
  const tiles: TileCoord[] = [];
  for (let level = 0; hashesAtTileLevel(size, level) > 0; level++) {
    const full = Math.floor(hashesAtTileLevel(size, level) / TILE_WIDTH);
    for (let index = 0; index < full; index++) tiles.push({ level, index, width: TILE_WIDTH });
    const width = hashesAtTileLevel(size, level) % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: full, width });
  }
  return tiles;
}

/** Big-endian uint16 length of each entry in an entry bundle: our entries are 32-byte chain hashes. */
const ENTRY_LENGTH_PREFIX = 2;

/** An entry bundle (C2SP tlog-tiles): each entry as big-endian uint16 length (32) ‖ its 32-byte chain hash. */
export function encodeEntryBundle(chainHashes: Uint8Array[]): Buffer {
  const bundle = Buffer.alloc(chainHashes.length * (ENTRY_LENGTH_PREFIX + HASH_SIZE));
  chainHashes.forEach((chainHash, n) => {
    if (chainHash.length !== HASH_SIZE) throw new RangeError(`entry ${n} is not a 32-byte chain hash`);
    const at = n * (ENTRY_LENGTH_PREFIX + HASH_SIZE);
    bundle.writeUInt16BE(HASH_SIZE, at);
    bundle.set(chainHash, at + ENTRY_LENGTH_PREFIX);
  });
  return bundle;
}

/** The chain hashes of an entry bundle; throws on any entry that is not 32 bytes or a truncated bundle. */
export function decodeEntryBundle(bytes: Uint8Array): Buffer[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chainHashes: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += ENTRY_LENGTH_PREFIX + HASH_SIZE) {
    if (at + ENTRY_LENGTH_PREFIX > buffer.length) throw new RangeError(`entry bundle truncated at byte ${at}`);
    const length = buffer.readUInt16BE(at);
    if (length !== HASH_SIZE) throw new RangeError(`entry ${chainHashes.length} is ${length} bytes, not ${HASH_SIZE}`);
    if (at + ENTRY_LENGTH_PREFIX + HASH_SIZE > buffer.length)
      throw new RangeError(`entry bundle truncated at byte ${at}`);
    chainHashes.push(Buffer.from(buffer.subarray(at + ENTRY_LENGTH_PREFIX, at + ENTRY_LENGTH_PREFIX + HASH_SIZE)));
  }
  if (chainHashes.length > TILE_WIDTH) throw new RangeError(`an entry bundle holds at most ${TILE_WIDTH} entries`);
  return chainHashes;
}
