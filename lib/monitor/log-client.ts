/**
 * The monitor's view of a panel: the audit log's published endpoints and the audit events, read with an API
 * key over HTTP. Every answer is checked for shape here; nothing it returns is trusted beyond that until the
 * monitor has verified it against a signed checkpoint.
 */
import { z } from "zod";
import { tilePath, type TileCoord, type TileReader } from "../audit/tree/tiles";

export type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

export class PanelError extends Error {}

/** An audit entry as the monitor needs it: its position, its link, and when it happened. */
export const ZMonitoredEntry = z.object({
  seq: z.string().regex(/^[1-9][0-9]*$/),
  occurredAt: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the entry's canonical bytes, where the panel's entry view carries it. */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type MonitoredEntry = z.infer<typeof ZMonitoredEntry>;

const ZEntryPage = z.object({ data: z.array(ZMonitoredEntry), nextCursor: z.string().nullable() });
export type EntryPage = z.infer<typeof ZEntryPage>;
const ZConsistency = z.object({ proof: z.array(z.string()) });

export type LogClient = ReturnType<typeof logClient>;

export function logClient({ url, apiKey, fetch = globalThis.fetch }: { url: string; apiKey: string; fetch?: Fetch }) {
  const base = `${url.replace(/\/+$/, "")}/api/v1`;
  async function get(path: string): Promise<Response> {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (!response.ok) {
      const detail = await response.text().catch(() => "");
      throw new PanelError(`GET ${path} answered ${response.status}${detail ? `: ${detail.slice(0, 200)}` : ""}`);
    }
    return response;
  }
  const json = async <T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> => {
    const parsed = schema.safeParse(await (await get(path)).json().catch(() => null));
    if (!parsed.success) throw new PanelError(`GET ${path} answered something that is not what the API documents`);
    return parsed.data;
  };
  const tiles = new Map<string, Promise<Buffer>>();
  const tileReader: TileReader = {
    readTiles: (coords: TileCoord[]) =>
      Promise.all(
        coords.map((coord) => {
          const path = `/audit-log/${tilePath(coord)}`;
          let tile = tiles.get(path);
          if (!tile) {
            tile = get(path).then(async (response) => Buffer.from(await response.arrayBuffer()));
            tiles.set(path, tile);
            tile.catch(() => tiles.delete(path));
          }
          return tile;
        }),
      ),
  };
  return {
    checkpoint: async () => (await get("/audit-log/checkpoint")).text(),
    consistencyProof: async (from: bigint, to: bigint) =>
      (await json(`/audit-log/proof/consistency?from=${from}&to=${to}`, ZConsistency)).proof.map((hash) =>
        Buffer.from(hash, "base64"),
      ),
    /** A page of entries, newest first, from `cursor` (the newest page without one). */
    entries: (cursor: string | null, limit = 200) =>
      json(`/audit-events?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, ZEntryPage),
    /** The tree's tiles, each fetched once per run. */
    tiles: tileReader,
  };
}
