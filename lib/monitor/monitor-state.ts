/**
 * What the monitor keeps between runs, in one JSON file: the last checkpoint it verified (the signed note
 * itself, so the file is evidence on its own), the chain hash of the entry at that size, and a few cursors
 * into older pages of the trail to re-check a random sample of old entries on later runs.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { z } from "zod";

export const ZMonitorState = z.object({
  version: z.literal(1),
  origin: z.string(),
  note: z.string(),
  size: z.string().regex(/^[0-9]+$/),
  rootHash: z.string(),
  /** The chain hash of entry `size`: the next entry's prevHash. */
  lastChainHash: z.string().regex(/^[0-9a-f]{64}$/),
  verifiedAt: z.string(),
  /** Cursors of pages of older entries, sampled as the monitor walked the trail. */
  cursors: z.array(z.string()).max(64),
  cursorsSeen: z.number().int().min(0),
});
export type MonitorState = z.infer<typeof ZMonitorState>;

/** The saved state, or null when the file does not exist yet (the first run). A damaged file is an error. */
export async function readMonitorState(file: string): Promise<MonitorState | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = ZMonitorState.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a state file this monitor wrote`);
  return parsed.data;
}

/** Writes the state to a temporary file and renames it over the old one: a crash never leaves half a file. */
export async function writeMonitorState(file: string, state: MonitorState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

const MAX_CURSORS = 32;

/** Reservoir sampling: every cursor the monitor ever saw has the same chance to be kept. */
export function keepCursor(state: Pick<MonitorState, "cursors" | "cursorsSeen">, cursor: string, random = Math.random) {
  const seen = state.cursorsSeen + 1;
  const cursors = [...state.cursors];
  if (cursors.length < MAX_CURSORS) cursors.push(cursor);
  else {
    const slot = Math.floor(random() * seen);
    if (slot < MAX_CURSORS) cursors[slot] = cursor;
  }
  return { cursors, cursorsSeen: seen };
}
