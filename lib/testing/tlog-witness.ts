import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseCheckpoint } from "@/lib/audit/checkpoints/checkpoint-text";
import { ed25519Cosigner } from "@/lib/audit/checkpoints/cosignature";
import { newEd25519Seed } from "@/lib/audit/checkpoints/ed25519-keys";
import { decodeBase64Strict } from "@/lib/audit/checkpoints/note-encoding";
import { openNote, parseNote, parseVerifierKey, SignedNoteError, signNote } from "@/lib/audit/checkpoints/signed-note";
import { EMPTY_TREE_HASH } from "@/lib/audit/tree/merkle-hash";
import { verifyConsistency } from "@/lib/audit/tree/verify-proofs";

/**
 * A transparency-log witness on 127.0.0.1, written from C2SP tlog-witness (c2sp.org/tlog-witness) for the
 * tests: `POST <url>/add-checkpoint` with "old <size>", the consistency proof lines, an empty line and the
 * signed checkpoint. It knows the logs it is given (origin → log vkeys), keeps the latest size and root it
 * cosigned per origin, and answers as the spec says: 404 unknown origin, 403 no signature by a trusted key,
 * 400 malformed or old size above the checkpoint's, 409 (text/x.tlog.size, its size) on another old size or
 * another root at the same size, 422 a proof that does not verify, else 200 and its tlog-cosignature v1 line.
 * `misbehave` makes it answer a cosignature that must not be stored.
 */
export type WitnessRequest = { oldSize: bigint | null; size: bigint | null; status: number };
export type Misbehaviour = "forged-signature" | "other-key" | null;

const MAX_PROOF_LINES = 63;

export async function startTlogWitness({ name = "witness.test/w1" }: { name?: string } = {}) {
  const seed = newEd25519Seed();
  const cosigner = ed25519Cosigner(name, seed);
  const impostor = ed25519Cosigner(name, newEd25519Seed());
  const logs = new Map<string, string[]>();
  const state = new Map<string, { size: bigint; root: Buffer }>();
  const requests: WitnessRequest[] = [];
  let misbehave: Misbehaviour = null;

  function answer(body: string): { status: number; type?: string; text: string; oldSize?: bigint; size?: bigint } {
    const split = body.indexOf("\n\n");
    if (split < 0) return { status: 400, text: "no empty line before the checkpoint\n" };
    const [oldLine, ...proofLines] = body.slice(0, split).split("\n");
    const old = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
    if (!old) return { status: 400, text: "the first line is not old <size>\n" };
    const oldSize = BigInt(old[1]);
    const proof = proofLines.map((line) => decodeBase64Strict(line));
    if (proof.length > MAX_PROOF_LINES || proof.some((hash) => hash === null || hash.length !== 32))
      return { status: 400, text: "a proof line is not a base64 hash, or more than 63\n", oldSize };
    const note = body.slice(split + 2);
    let text: string;
    let checkpoint: ReturnType<typeof parseCheckpoint>;
    try {
      text = parseNote(note).text;
      checkpoint = parseCheckpoint(text);
    } catch {
      return { status: 400, text: "not a signed checkpoint\n", oldSize };
    }
    const { origin, size, rootHash } = checkpoint;
    const vkeys = logs.get(origin);
    if (!vkeys) return { status: 404, text: "unknown log\n", oldSize, size };
    try {
      openNote(note, vkeys.map(parseVerifierKey));
    } catch (error) {
      if (error instanceof SignedNoteError)
        return { status: 403, text: "no signature by a trusted key\n", oldSize, size };
      throw error;
    }
    if (oldSize > size) return { status: 400, text: "old size above the checkpoint's size\n", oldSize, size };
    const known = state.get(origin) ?? { size: 0n, root: Buffer.from(EMPTY_TREE_HASH) };
    const conflict = { status: 409, type: "text/x.tlog.size", text: `${known.size}\n`, oldSize, size };
    if (oldSize !== known.size) return conflict;
    if (oldSize === size && !known.root.equals(rootHash)) return conflict;
    if (oldSize === 0n && proof.length > 0) return { status: 422, text: "a proof from size 0\n", oldSize, size };
    const consistent = verifyConsistency({
      oldSize: Number(oldSize),
      newSize: Number(size),
      oldRoot: known.root,
      newRoot: rootHash,
      proof: proof as Buffer[],
    });
    if (!consistent) return { status: 422, text: "the consistency proof does not verify\n", oldSize, size };
    // Checked and recorded in one synchronous step: no other request runs in between (the spec's race).
    state.set(origin, { size, root: rootHash });
    return { status: 200, text: cosignatureLines(text), oldSize, size };
  }

  function cosignatureLines(text: string): string {
    const line = signNote(text, [misbehave === "other-key" ? impostor : cosigner]).slice(text.length + 1);
    if (misbehave !== "forged-signature") return line;
    const [dash, who, base64] = line.trimEnd().split(" ");
    const bytes = Buffer.from(base64, "base64");
    bytes[bytes.length - 1] ^= 0x01;
    return `${dash} ${who} ${bytes.toString("base64")}\n`;
  }

  const server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/witness/add-checkpoint") {
        response.writeHead(404).end();
        return;
      }
      const { status, type = "text/plain; charset=utf-8", text, oldSize = null, size = null } = answer(body);
      requests.push({ oldSize, size, status });
      response.writeHead(status, { "content-type": type }).end(text);
    });
  });
  const listen = (port: number) => new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  await listen(0);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/witness`;
  return {
    url,
    name,
    /** The witness's tlog-cosignature vkey, as VERITY_WITNESSES names it. */
    vkey: cosigner.verifierKey,
    /** `<url> <vkey>`: this witness's VERITY_WITNESSES entry. */
    entry: `${url} ${cosigner.verifierKey}`,
    requests,
    /** Trust a log: its origin and the vkeys whose signatures count. */
    addLog: (origin: string, logVkeys: string[]) => void logs.set(origin, logVkeys),
    /** Sets what the witness last cosigned for an origin (as if another party had submitted it). */
    remember: (origin: string, size: bigint, root: Buffer) => void state.set(origin, { size, root }),
    /** What the witness last cosigned for an origin. */
    latest: (origin: string) => state.get(origin) ?? null,
    misbehave: (how: Misbehaviour) => void (misbehave = how),
    /** Stops answering (connections are refused) until `resume`. */
    pause: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
    resume: () => listen(port),
    close: () =>
      new Promise<void>((done) => {
        if (!server.listening) return done();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export type TlogWitness = Awaited<ReturnType<typeof startTlogWitness>>;
