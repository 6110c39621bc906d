import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";

const MAX_SIZE = Number.MAX_SAFE_INTEGER;
const ZTreeSize = (what: string) =>
  z.coerce
    .number({ message: `${what} is a whole number.` })
    .int(`${what} is a whole number.`)
    .min(1, `${what} is at least 1.`)
    .max(MAX_SIZE, `${what} is too large.`);

const PREFIX = "/audit-log";
const TAG = "Audit log proofs";
const CHECKPOINT_BOUND =
  "Nothing beyond the latest signed checkpoint is served: a larger size is a 400, a tile it does not reach a 404.";

export const ZInclusionProof = z.object({
  seq: z.number().int().describe("The entry's seq."),
  leafIndex: z.number().int().describe("Its leaf index in the tree: seq − 1."),
  treeSize: z.number().int(),
  rootHash: z
    .string()
    .describe("Base64 root of the tree of treeSize entries. Check the proof against a signed checkpoint's root."),
  proof: z.array(z.string()).describe("The audit path, base64 SHA-256 hashes, from the leaf's sibling up (RFC 9162)."),
});

export const ZConsistencyProof = z.object({
  fromSize: z.number().int(),
  toSize: z.number().int(),
  fromRootHash: z.string().describe("Base64 root of the tree of fromSize entries."),
  toRootHash: z.string().describe("Base64 root of the tree of toSize entries."),
  proof: z.array(z.string()).describe("Base64 SHA-256 hashes, as RFC 9162 §2.1.4.1 orders them."),
});

export const ZPublishedLogKey = z.object({
  keyId: z.string().describe("The signed-note key id: 4 bytes, hex."),
  name: z.string(),
  vkey: z.string().describe("The verifier key: <name>+<key id hex>+<base64(0x01 ‖ Ed25519 public key)>."),
  validFrom: z.string(),
  validUntil: z.string().nullable().describe("When the next key took over; null for the current key."),
});

const text = (description: string) => ({ contentTypes: ["text/plain; charset=utf-8"], description }) as const;

/**
 * The operations through which the organization's signed tree leaves Verity (issue 17, "Leaving Verity"):
 * C2SP tlog-tiles layout under /api/v1/audit-log (checkpoint, tile/…), so existing tile clients read it,
 * and RFC 9162 proofs as JSON. Every one is bounded by the latest signed checkpoint.
 */
export const AUDIT_LOG_OPERATIONS = {
  getAuditLogCheckpoint: {
    operationId: "getAuditLogCheckpoint",
    method: "GET",
    path: `${PREFIX}/checkpoint`,
    tag: TAG,
    summary: "The latest signed checkpoint of the organization's log: a C2SP tlog-checkpoint in a signed note",
    description:
      "Origin line (<log origin>/orgs/<organization id>), tree size, base64 root hash, a blank line, and one " +
      "Ed25519 signature line per key (verify with a key from /audit-log/keys), then the C2SP tlog-cosignature " +
      "lines of the witnesses that cosigned it (VERITY_WITNESSES), if any. 404 before the first checkpoint.",
    permission: "audit.read",
    response: z.string(),
    status: 200,
    stream: text("The signed note (Cache-Control: no-store)"),
  },
  getAuditLogTile: {
    operationId: "getAuditLogTile",
    method: "GET",
    path: `${PREFIX}/tile/{path}`,
    tag: TAG,
    summary: "A tile of the organization's Merkle tree or an entry bundle, at its C2SP tlog-tiles path",
    description:
      "tile/<L>/<N>[.p/<W>]: 32-byte hashes of tree level 8·L; tile/entries/<N>[.p/<W>]: the entries' chain " +
      "hashes, each as a big-endian uint16 length (32) and the hash. Full tiles never change (cached for a " +
      `year, immutable); partial tiles are not cached. A path not written as the spec writes it is a 400. ${CHECKPOINT_BOUND}`,
    permission: "audit.read",
    params: z
      .object({
        path: z
          .preprocess((value) => (Array.isArray(value) ? value.join("/") : value), z.string().max(200))
          .describe("What follows tile/: for example 0/x001/234, 1/000.p/17 or entries/005.p/3."),
      })
      .strict(),
    response: z.string(),
    status: 200,
    stream: {
      contentTypes: ["application/octet-stream"],
      description: "The tile's bytes",
      headers: {
        "Cache-Control": {
          description: "public, max-age=31536000, immutable for a full tile; no-store for a partial one.",
          schema: { type: "string" },
        },
      },
    },
  },
  getAuditLogInclusionProof: {
    operationId: "getAuditLogInclusionProof",
    method: "GET",
    path: `${PREFIX}/proof/inclusion`,
    tag: TAG,
    summary: "The inclusion proof of an entry in the organization's tree at a size",
    description: `Leaf hash = SHA-256(0x00 ‖ the entry's 32-byte chain hash). ${CHECKPOINT_BOUND}`,
    permission: "audit.read",
    query: z
      .object({
        seq: ZTreeSize("seq").describe("The entry's seq (its leaf index is seq − 1)."),
        size: ZTreeSize("size").optional().describe("The tree size; the latest checkpoint's by default."),
      })
      .strict(),
    response: ZInclusionProof,
    status: 200,
  },
  getAuditLogConsistencyProof: {
    operationId: "getAuditLogConsistencyProof",
    method: "GET",
    path: `${PREFIX}/proof/consistency`,
    tag: TAG,
    summary: "The consistency proof between two sizes of the organization's tree",
    description: `Shows the tree of \`from\` entries is a prefix of the tree of \`to\` entries. ${CHECKPOINT_BOUND}`,
    permission: "audit.read",
    query: z
      .object({
        from: ZTreeSize("from").describe("The older size, for example that of a checkpoint you saved."),
        to: ZTreeSize("to").optional().describe("The newer size; the latest checkpoint's by default."),
      })
      .strict(),
    response: ZConsistencyProof,
    status: 200,
  },
  listAuditLogKeys: {
    operationId: "listAuditLogKeys",
    method: "GET",
    path: `${PREFIX}/keys`,
    tag: TAG,
    summary: "Every key the log ever signed checkpoints with, with its validity window",
    permission: "audit.read",
    response: z.object({ data: z.array(ZPublishedLogKey) }),
    status: 200,
  },
  listAuditLogVerifierKeys: {
    operationId: "listAuditLogVerifierKeys",
    method: "GET",
    path: `${PREFIX}/keys.txt`,
    tag: TAG,
    summary: "The same keys as plain text: one verifier key (vkey) a line, each once, oldest first",
    permission: "audit.read",
    response: z.string(),
    status: 200,
    stream: text("One vkey a line"),
  },
} as const satisfies Record<string, ApiOperation>;
