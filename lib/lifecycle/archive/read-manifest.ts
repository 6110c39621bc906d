import { readText, type ArchiveStore } from "./archive-store";
import { ZSegmentManifest, type TSegmentManifest } from "./segment-format";

/** A segment's manifest from the store: the manifest, "missing", or why it is not one. */
export async function readManifest(
  store: ArchiveStore,
  key: string,
): Promise<{ manifest: TSegmentManifest } | { missing: true } | { invalid: string }> {
  const text = await readText(store, key);
  if (text === null) return { missing: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { invalid: `its manifest is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = ZSegmentManifest.safeParse(value);
  if (!parsed.success) return { invalid: `its manifest is not a segment manifest: ${parsed.error.issues[0].message}` };
  return { manifest: parsed.data };
}
