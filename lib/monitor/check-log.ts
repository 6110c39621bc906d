/**
 * One run of the customer's monitor: the checks that make a checkpoint, once it has left Verity, binding on
 * Verity. Runs with nothing but HTTP and the pure tree and signed-note code: no database, no server code.
 */
import { parseCheckpoint, type Checkpoint } from "../audit/checkpoints/checkpoint-text";
import { openNote, SignedNoteError, type NoteVerifier } from "../audit/checkpoints/signed-note";
import { hash } from "node:crypto";
import { leafHash } from "../audit/tree/merkle-hash";
import { inclusionProof, treeHash } from "../audit/tree/proofs";
import { TILE_WIDTH, tileWidthAt } from "../audit/tree/tiles";
import { verifyConsistency, verifyInclusion } from "../audit/tree/verify-proofs";
import type { EntryPage, LogClient, MonitoredEntry } from "./log-client";
import { MonitorFailure } from "./monitor-failure";
import { keepCursor, type MonitorState } from "./monitor-state";
import { walkEntries } from "./walk-entries";

export type MonitorOptions = {
  client: LogClient;
  verifiers: NoteVerifier[];
  /**
   * Witnesses (tlog-cosignature keys) each of which must have cosigned the latest checkpoint: the log cannot
   * then show this monitor a history it did not show them. Fetched again after `cosignatureWaitMs` while one
   * is missing (cosigning follows signing by about a second), `cosignatureAttempts` times in all.
   */
  witnesses?: NoteVerifier[];
  cosignatureAttempts?: number;
  cosignatureWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  state: MonitorState | null;
  /** Check every entry, not only those added since the saved checkpoint and a sample of older ones. */
  full?: boolean;
  /** Warn when an entry this old is not covered by the latest checkpoint. */
  staleAfterSeconds?: number;
  /** Pages of older entries re-checked per run (from cursors kept in the state). */
  samplePages?: number;
  now?: () => Date;
  random?: () => number;
};

export type MonitorResult = { line: string; warnings: string[]; state: MonitorState };

const GENESIS_HASH = "0".repeat(64);

/**
 * Verifies the latest checkpoint against the saved one and the entries against it; throws MonitorFailure.
 * Requests go out in two rounds, whatever the size of the check: with the checkpoint, what does not depend on it
 * (the newest page of entries, the sampled pages); once its size is known, the consistency proof and every tile
 * the checks read. The checks then run in their fixed order over the answers, so a failure still names the first
 * thing that does not hold, and a request that failed fails the run where its answer is first needed.
 */
export async function checkLog(options: MonitorOptions): Promise<MonitorResult> {
  const { client, state, full = false, now = () => new Date(), random = Math.random } = options;
  const sampling = state !== null && !full;
  const newestPage = quietly(client.entries(null));
  const samplePages = (sampling ? pickCursors(state.cursors, options.samplePages ?? 3, random) : []).map((cursor) =>
    quietly(client.entries(cursor, SAMPLE_PAGE)),
  );
  const { note, checkpoint, signer, cosigners } = await cosignedCheckpoint(options);
  const size = checkpoint.size;
  const savedSize = state ? BigInt(state.size) : 0n;
  const from = full || !state ? 1n : savedSize;
  if (state) checkSavedSize(state, checkpoint);
  const proof = state && size !== savedSize ? quietly(client.consistencyProof(savedSize, size)) : null;
  prefetchTiles(client, checkpoint, from, samplePages);

  if (state) checkConsistency(state, checkpoint, proof ? await proof : []);
  const walk = await walkEntries(client, { from, size, newest: newestPage });
  if (state && !full) {
    const boundary = walk.covered.get(savedSize);
    if (boundary && boundary.hash !== state.lastChainHash) {
      throw new MonitorFailure(
        "entry does not match its leaf",
        `entry ${savedSize} is not the one the saved checkpoint covered (chain hash ${boundary.hash}, ` +
          `saved ${state.lastChainHash}): the trail was rewritten`,
      );
    }
  }
  checkLinks(walk.covered, from);
  await checkInclusion(client, checkpoint, oldestFirst(walk.covered));

  let sampled = 0;
  for (const page of samplePages) sampled += await checkSamplePage(client, checkpoint, await page);

  let reservoir = state ? { cursors: state.cursors, cursorsSeen: state.cursorsSeen } : { cursors: [], cursorsSeen: 0 };
  for (const cursor of walk.cursors) reservoir = keepCursor(reservoir, cursor, random);
  const last = walk.covered.get(size);
  if (!last) {
    throw new MonitorFailure("missing entries", `entry ${size}, the last the checkpoint covers, is not in the trail`);
  }

  const warnings = staleWarning(walk.oldestUncovered, size, options.staleAfterSeconds ?? 300, now());
  const added = state ? size - savedSize : size;
  const line =
    `ok: ${checkpoint.origin} at size ${size}` +
    (state ? ` (consistent with ${savedSize}), ${added} new entr${added === 1n ? "y" : "ies"}` : ", first run") +
    `, ${walk.covered.size + sampled} entries proven included, signed by ${signer}` +
    (cosigners.length > 0 ? `, cosigned by ${cosigners.join(", ")}` : "");
  return {
    line,
    warnings,
    state: {
      version: 1,
      origin: checkpoint.origin,
      note,
      size: size.toString(),
      rootHash: checkpoint.rootHash.toString("base64"),
      lastChainHash: last.hash,
      verifiedAt: now().toISOString(),
      ...reservoir,
    },
  };
}

const SAMPLE_PAGE = 50;

/**
 * A request whose answer is awaited later, maybe never (the run failed first): its failure is not an unhandled
 * rejection meanwhile, and still fails whoever awaits it.
 */
function quietly<T>(request: Promise<T>): Promise<T> {
  request.catch(() => {});
  return request;
}

/** `pages` of the cursors kept in earlier runs, in random order. */
const pickCursors = (cursors: string[], pages: number, random: () => number) =>
  [...cursors].sort(() => random() - 0.5).slice(0, pages);

/**
 * Asks at once for every tile the checks read: the level-0 tiles of the new entries and of the sampled pages, and
 * those the signed tree's root is computed from (the client keeps each answer for the run). Nothing fails here.
 */
function prefetchTiles(client: LogClient, checkpoint: Checkpoint, from: bigint, pages: Promise<EntryPage>[]): void {
  const size = Number(checkpoint.size);
  const tileOfSeq = (seq: number) => Math.floor((seq - 1) / TILE_WIDTH);
  const level0 = (indexes: Iterable<number>) =>
    quietly(
      client.tiles.readTiles([...indexes].map((index) => ({ level: 0, index, width: tileWidthAt(size, 0, index) }))),
    );
  if (size === 0) return;
  const newTiles = new Set<number>();
  for (let index = tileOfSeq(Number(from)); index <= tileOfSeq(size); index++) newTiles.add(index);
  level0(newTiles);
  quietly(treeHash(size, client.tiles));
  for (const page of pages) {
    void page.then(
      ({ data }) =>
        level0(new Set(data.filter((entry) => Number(entry.seq) <= size).map((e) => tileOfSeq(Number(e.seq))))),
      () => {},
    );
  }
}

/** The latest checkpoint, signed by the log and cosigned by every witness given (fetched again while one is missing). */
async function cosignedCheckpoint(options: MonitorOptions) {
  const { client, verifiers, witnesses = [], cosignatureAttempts = 5, cosignatureWaitMs = 2_000 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  for (let attempt = 1; ; attempt++) {
    const latest = await verifiedCheckpoint(client, verifiers);
    const missing = witnesses.filter((witness) => !cosignedBy(latest.note, witness));
    if (missing.length === 0) return { ...latest, cosigners: witnesses.map((witness) => witness.name) };
    if (attempt >= cosignatureAttempts) {
      const names = missing.map((witness) => `${witness.name}+${witness.keyId}`).join(", ");
      throw new MonitorFailure(
        "no cosignature",
        `the latest checkpoint (size ${latest.checkpoint.size}) has no cosignature by ${names} after ${attempt} ` +
          "tries: that witness has not checked it (down, or refusing a history it was not shown)",
      );
    }
    await sleep(cosignatureWaitMs);
  }
}

/** True when the witness's cosignature on the note verifies; a line by its key that does not verify fails the run. */
function cosignedBy(note: string, witness: NoteVerifier): boolean {
  try {
    openNote(note, [witness]);
    return true;
  } catch (error) {
    if (error instanceof SignedNoteError && error.problem === "unverified") return false;
    const why = error instanceof Error ? error.message : String(error);
    throw new MonitorFailure("bad signature", `the cosignature by witness ${witness.name} does not verify: ${why}`);
  }
}

async function verifiedCheckpoint(client: LogClient, verifiers: NoteVerifier[]) {
  const note = await client.checkpoint();
  let opened;
  try {
    opened = openNote(note, verifiers);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new MonitorFailure("bad signature", `the latest checkpoint is not signed by the log key you trust: ${why}`);
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(opened.text);
  } catch (error) {
    throw new MonitorFailure("bad signature", `the signed note is not a checkpoint: ${(error as Error).message}`);
  }
  return { note, checkpoint, signer: opened.verifiedBy.map((signature) => signature.name).join(", ") };
}

/** The new checkpoint must be the saved one's log, and no smaller. */
function checkSavedSize(state: MonitorState, checkpoint: Checkpoint): void {
  if (checkpoint.origin !== state.origin) {
    throw new MonitorFailure("another log", `the checkpoint is for ${checkpoint.origin}, not ${state.origin}`);
  }
  const savedSize = BigInt(state.size);
  if (checkpoint.size < savedSize) {
    throw new MonitorFailure(
      "tree shrank",
      `the latest checkpoint has ${checkpoint.size} entries, the one saved ${savedSize}: entries were removed`,
    );
  }
}

/** The new checkpoint must be (RFC 9162 §2.1.4) an extension of the saved one. */
function checkConsistency(state: MonitorState, checkpoint: Checkpoint, proof: Buffer[]): void {
  const savedSize = BigInt(state.size);
  const claim = {
    oldSize: Number(savedSize),
    newSize: Number(checkpoint.size),
    oldRoot: Buffer.from(state.rootHash, "base64"),
    newRoot: checkpoint.rootHash,
    proof,
  };
  if (!verifyConsistency(claim)) {
    throw new MonitorFailure(
      "inconsistent history",
      `the checkpoint at size ${checkpoint.size} does not extend the saved one at size ${savedSize}: ` +
        "the history it covered was changed, or two different histories were shown",
    );
  }
}

/** hash = SHA-256(prevHash ‖ contentHash), both as 32 raw bytes (README, "The hash chain, byte for byte"). */
const linkHash = (entry: MonitoredEntry & { contentHash: string }) =>
  hash("sha256", Buffer.from(entry.prevHash + entry.contentHash, "hex"), "hex");

/**
 * Each entry's prevHash is the previous entry's hash (the first entry's is 64 zeros), and, where the entry view
 * carries its contentHash, its hash is the link of the two.
 */
function checkLinks(entries: Map<bigint, MonitoredEntry>, from: bigint): void {
  for (const [seq, entry] of entries) {
    if (entry.contentHash !== undefined && linkHash({ ...entry, contentHash: entry.contentHash }) !== entry.hash) {
      throw new MonitorFailure("broken link", `entry ${seq}'s hash is not SHA-256(prevHash ‖ contentHash)`);
    }
    const previous = seq === 1n ? GENESIS_HASH : entries.get(seq - 1n)?.hash;
    if (previous === undefined && seq === from) continue; // the walk starts here
    if (previous !== entry.prevHash) {
      throw new MonitorFailure("broken link", `entry ${seq}'s prevHash is not the hash of entry ${seq - 1n}`);
    }
  }
}

/** The entries in seq order, so a failure names the first entry that does not hold. */
const oldestFirst = (entries: Map<bigint, MonitoredEntry>) =>
  [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);

const changedEntry = (seq: string, size: number) =>
  new MonitorFailure(
    "entry does not match its leaf",
    `entry ${seq} as the trail serves it now is not the one the checkpoint at size ${size} covers`,
  );

/**
 * Every entry's leaf, SHA-256(0x00 ‖ chain hash), is proven included in the signed tree. First, to name the
 * entry that changed, each leaf is compared with the level-0 tile hash the panel serves for it, and the served
 * tree must hash to the signed root; then an inclusion proof built from those tiles must verify for each tile.
 * One per tile is enough: a leaf's audit path folds every other hash of its tile (with the leaf, the ranges of
 * the path cover the whole tree), so it verifies only if all of the tile the leaves were compared with is the
 * signed tree's.
 */
async function checkInclusion(client: LogClient, checkpoint: Checkpoint, entries: MonitoredEntry[]): Promise<void> {
  const size = Number(checkpoint.size);
  const tileOf = (entry: MonitoredEntry) => Math.floor((Number(entry.seq) - 1) / TILE_WIDTH);
  // Every level-0 tile the entries need, fetched at once (the client keeps each for the run).
  const tileIndexes = [...new Set(entries.map(tileOf))];
  const fetched = await client.tiles.readTiles(
    tileIndexes.map((index) => ({ level: 0, index, width: tileWidthAt(size, 0, index) })),
  );
  const tiles = new Map(tileIndexes.map((index, n) => [index, fetched[n]]));
  for (const entry of entries) {
    const index = Number(entry.seq) - 1;
    const tile = tiles.get(tileOf(entry))!;
    const at = (index % TILE_WIDTH) * 32;
    if (!leafHash(Buffer.from(entry.hash, "hex")).equals(tile.subarray(at, at + 32))) {
      throw changedEntry(entry.seq, size);
    }
  }
  if (entries.length > 0 && !(await treeHash(size, client.tiles)).equals(checkpoint.rootHash)) {
    throw new MonitorFailure(
      "entry does not match its leaf",
      `the tree the panel serves no longer hashes to the root of the checkpoint at size ${size}: ` +
        "entries it covers were changed after it was signed",
    );
  }
  const proven = new Set<number>();
  for (const entry of entries) {
    if (proven.has(tileOf(entry))) continue;
    proven.add(tileOf(entry));
    const index = Number(entry.seq) - 1;
    const proof = await inclusionProof(index, size, client.tiles);
    const claim = { leafHash: leafHash(Buffer.from(entry.hash, "hex")), index, size, proof };
    if (!verifyInclusion({ ...claim, rootHash: checkpoint.rootHash })) throw changedEntry(entry.seq, size);
  }
}

/** A page of older entries, from a cursor kept in an earlier run: linked and included too. */
async function checkSamplePage(client: LogClient, checkpoint: Checkpoint, page: EntryPage): Promise<number> {
  const entries = new Map(
    page.data.filter((entry) => BigInt(entry.seq) <= checkpoint.size).map((entry) => [BigInt(entry.seq), entry]),
  );
  const lowest = [...entries.keys()].reduce((a, b) => (b < a ? b : a), checkpoint.size);
  checkLinks(entries, lowest);
  await checkInclusion(client, checkpoint, oldestFirst(entries));
  return entries.size;
}

function staleWarning(oldest: MonitoredEntry | null, size: bigint, staleAfterSeconds: number, now: Date): string[] {
  if (!oldest) return [];
  const ageSeconds = Math.floor((now.getTime() - Date.parse(oldest.occurredAt)) / 1000);
  if (ageSeconds < staleAfterSeconds) return [];
  return [
    `the latest checkpoint (size ${size}) is stale: entry ${oldest.seq}, recorded ${ageSeconds}s ago, is not ` +
      "covered by any signed checkpoint yet",
  ];
}
