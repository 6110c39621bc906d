import { describe, expect, it } from "vitest";
import {
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundlePath,
  parseEntryBundlePath,
  parseTilePath,
  partialTilesForSize,
  tilePath,
  tilesForSize,
  type TileCoord,
} from "./tiles";

const count = (tiles: TileCoord[], level: number, full: boolean) =>
  tiles.filter((tile) => tile.level === level && (tile.width === 256) === full).length;

describe("tile paths (C2SP tlog-tiles)", () => {
  it("writes the index in x-prefixed 3-digit groups, as the spec's example", () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe("tile/0/x001/x234/067");
    expect(tilePath({ level: 2, index: 5, width: 256 })).toBe("tile/2/005");
    expect(tilePath({ level: 1, index: 1000, width: 256 })).toBe("tile/1/x001/000");
    expect(tilePath({ level: 0, index: 0, width: 7 })).toBe("tile/0/000.p/7");
    expect(tilePath({ level: 3, index: 1234067, width: 255 })).toBe("tile/3/x001/x234/067.p/255");
    expect(entryBundlePath(1234067, 256)).toBe("tile/entries/x001/x234/067");
    expect(entryBundlePath(0, 7)).toBe("tile/entries/000.p/7");
  });

  it("refuses coordinates the spec has no path for", () => {
    expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: -1, width: 256 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 1.5, width: 256 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 0, width: 257 })).toThrow(RangeError);
    expect(() => entryBundlePath(2 ** 53, 256)).toThrow(RangeError);
  });

  it("parses every path it writes back to the same tile", () => {
    const indexes = [0, 1, 999, 1000, 1001, 65535, 1234067, 999999999, 2 ** 53 - 1];
    for (const index of indexes) {
      for (const width of [1, 17, 255, 256]) {
        for (const level of [0, 1, 7, 63]) {
          expect(parseTilePath(tilePath({ level, index, width }))).toEqual({ level, index, width });
        }
        expect(parseEntryBundlePath(entryBundlePath(index, width))).toEqual({ index, width });
      }
    }
  });

  it("refuses any path that is not written exactly as the spec writes it", () => {
    const bad = [
      "tile/0/5",
      "tile/0/0005",
      "tile/0/x000/005",
      "tile/0/x001/234/067",
      "tile/0/001/x234",
      "tile/00/005",
      "tile/64/005",
      "tile/-1/005",
      "tile/0/005.p/0",
      "tile/0/005.p/007",
      "tile/0/005.p/256",
      "tile/0/005.p/",
      "tile/0/005.p",
      "/tile/0/005",
      "tile/0/005/",
      "tile/0/005 ",
      "tile/0/x009/x007/x199/x254/x740/x993/000", // beyond 2^53
      "tile/entries/005",
      "tile//005",
      "",
    ];
    for (const path of bad) expect(parseTilePath(path), path).toBeUndefined();
    for (const path of ["tile/entries/5", "tile/entries/x000/005", "tile/entries/005.p/256", "tile/0/005"]) {
      expect(parseEntryBundlePath(path), path).toBeUndefined();
    }
  });
});

describe("the tiles of a tree", () => {
  it("makes a tree of 70,000 entries as the spec's example", () => {
    const tiles = tilesForSize(70_000);
    expect([count(tiles, 0, true), count(tiles, 1, true), count(tiles, 2, true)]).toEqual([273, 1, 0]);
    expect(partialTilesForSize(70_000)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(tiles.filter((tile) => tile.width < 256)).toEqual(partialTilesForSize(70_000));
    expect(tiles).toHaveLength(273 + 1 + 1 + 1 + 1);
  });

  it("makes a tree of 256 entries of one full tile and a 1-wide tile above it", () => {
    expect(tilesForSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForSize(0)).toEqual([]);
    expect(tilesForSize(1)).toEqual([{ level: 0, index: 0, width: 1 }]);
    expect(tilesForSize(65536)).toHaveLength(256 + 1 + 1);
  });
});

describe("entry bundles", () => {
  const chainHashes = [1, 2, 3].map((fill) => Buffer.alloc(32, fill));

  it("length-prefixes each 32-byte chain hash with a big-endian uint16", () => {
    const bundle = encodeEntryBundle(chainHashes);
    expect(bundle).toHaveLength(3 * 34);
    expect(bundle.subarray(0, 3)).toEqual(Buffer.of(0x00, 0x20, 0x01));
    expect(bundle.subarray(34, 36)).toEqual(Buffer.of(0x00, 0x20));
    expect(decodeEntryBundle(bundle)).toEqual(chainHashes);
  });

  it("refuses entries of another length and truncated bundles", () => {
    expect(() => encodeEntryBundle([Buffer.alloc(31)])).toThrow(RangeError);
    const bundle = encodeEntryBundle(chainHashes);
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(RangeError);
    expect(() => decodeEntryBundle(bundle.subarray(0, 35))).toThrow(RangeError);
    const wrongLength = Buffer.from(bundle);
    wrongLength.writeUInt16BE(31, 34);
    expect(() => decodeEntryBundle(wrongLength)).toThrow(RangeError);
    expect(() => decodeEntryBundle(encodeEntryBundle(Array.from({ length: 257 }, () => chainHashes[0])))).toThrow(
      RangeError,
    );
  });
});
