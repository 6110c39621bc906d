import "server-only";

/**
 * Full tiles never change (audit_tree_tiles is append-only), so the published read paths (proofs, tiles) keep
 * the ones they read, and the roots they folded out of them, in small bounded caches shared by every request
 * of this process: least recently used first out. The integrator and verification must notice a tile changed
 * behind their back, so they never take a tile from these caches: they ask the database for each tile row's
 * version (its xmin, which any rewrite of the row renews) and reuse a root they folded earlier only while the
 * row is the same version (versionedTileRoots).
 */
class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** 1,024 tiles of 8 KiB: 8 MiB at most. */
export const cachedFullTiles = new Lru<Buffer>(1_024);
/** The root of each full tile (32 bytes), what the partial tile one level up is made of: 65,536 at most. */
export const cachedTileRoots = new Lru<Buffer>(65_536);

/**
 * The root of each full tile the integrator or verification folded, with the version (xmin) of the row it was
 * folded from: a root is reused only for that same row version. 65,536 at most.
 */
export const versionedTileRoots = new Lru<{ version: string; root: Buffer }>(65_536);

export const tileCacheKey = (orgId: string, level: number, index: number) => `${orgId}/${level}/${index}`;

/** Empties the caches (tests that rewrite tiles behind the panel's back). */
export function forgetCachedTiles(): void {
  cachedFullTiles.clear();
  cachedTileRoots.clear();
  versionedTileRoots.clear();
}
