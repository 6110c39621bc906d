/**
 * An organization's tree held in memory: its full tiles and its right edge (which hold every leaf hash), grown with the same
 * appendLeaves the integrator uses. It answers readTiles for any size it has reached (a partial tile of an
 * earlier size is a prefix of a later tile), so tests, the benchmark and a monitor can prove against it.
 */
import { appendLeaves, edgeRootHash, emptyEdge, type TreeEdge } from "./tree-edge";
import { HASH_SIZE } from "./merkle-hash";
import { TILE_WIDTH, type TileCoord, type TileReader } from "./tiles";

export class MemoryTiles implements TileReader {
  private edge: TreeEdge = emptyEdge();
  private readonly fullTiles = new Map<string, Buffer>();
  /** Each tile handed out, kept so the same Buffer comes back next time and its folds are reused (tile-hashes). */
  private readonly handedOut = new Map<string, Buffer>();

  static fromLeafHashes(leafHashes: Buffer[]): MemoryTiles {
    const tiles = new MemoryTiles();
    tiles.append(leafHashes);
    return tiles;
  }

  get size(): number {
    return this.edge.size;
  }

  get fullTileCount(): number {
    return this.fullTiles.size;
  }

  rootHash(): Buffer {
    return edgeRootHash(this.edge);
  }

  append(leafHashes: Buffer[]): void {
    const { edge, fullTiles } = appendLeaves(this.edge, leafHashes);
    for (const { coord, hashes } of fullTiles) this.fullTiles.set(`${coord.level}/${coord.index}`, hashes);
    this.edge = edge;
  }

  /** The hash of leaf `index`, out of its level-0 tile (the tiles hold every leaf hash: no second copy). */
  leafHash(index: number): Buffer {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`no leaf ${index}`);
    const tileIndex = Math.floor(index / TILE_WIDTH);
    const full = this.fullTiles.get(`0/${tileIndex}`);
    if (!full) return Buffer.from(this.edge.levels[0][index % TILE_WIDTH]);
    return Buffer.from(full.subarray((index % TILE_WIDTH) * HASH_SIZE, ((index % TILE_WIDTH) + 1) * HASH_SIZE));
  }

  async readTiles(coords: TileCoord[]): Promise<Buffer[]> {
    return coords.map((coord) => this.readTile(coord));
  }

  private readTile(coord: TileCoord): Buffer {
    const key = `${coord.level}/${coord.index}/${coord.width}`;
    let tile = this.handedOut.get(key);
    if (!tile) this.handedOut.set(key, (tile = this.tileBytes(coord)));
    return tile;
  }

  private tileBytes({ level, index, width }: TileCoord): Buffer {
    const bytes = width * HASH_SIZE;
    const full = this.fullTiles.get(`${level}/${index}`);
    if (full) return full.subarray(0, bytes);
    const edgeIndex = Math.floor(this.edge.size / TILE_WIDTH ** (level + 1));
    const partial = this.edge.levels[level] ?? [];
    if (index !== edgeIndex || width > partial.length) throw new Error(`no tile ${level}/${index} of width ${width}`);
    return Buffer.concat(partial.slice(0, width) as Buffer[]);
  }
}
