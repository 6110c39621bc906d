// Whether a server action's body can be decoded at all, checked with the parsers Next itself uses
// (busboy for a fetch action's multipart body, the fetch API's FormData for a form post), before
// Next sees it. Next answers a body it cannot decode with a 500 and a stack trace in the log: a
// client fault dressed as a server fault. This answers 400 instead, and leaves the real decoding,
// and every valid request, to Next.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const busboy = require("next/dist/compiled/busboy");

/**
 * A reply row (React's encoding of action arguments) refers to other parts of the request with
 * "$<kind><id>". Kinds that stand alone: "$$" (an escaped "$"), "$u" undefined, "$N" NaN, "$I"
 * Infinity, "$-" -0 / -Infinity, "$D" a date, "$n" a BigInt, "$T" a client-side reference, "$H";
 * "$K" collects FormData entries by prefix (none may be a valid answer). Every other kind names a
 * part by its hexadecimal id, which must be in the request.
 */
const STANDALONE = new Set(["$", "u", "N", "I", "-", "D", "T", "H", "K"]);
/** Kinds whose id follows the kind letter: "$@1", "$Q2", typed arrays "$A3", blobs "$B4", streams "$R5"… */
const KINDS_WITH_ID = new Set([..."@hQWiAOoUSsLlGgMmVBRrXx"]);

/**
 * The first fault in a parsed row, or null.
 * @param {unknown} value
 * @param {Set<string>} parts the names of the request's parts (empty for a plain-text body)
 * @returns {string | null}
 */
function referenceFault(value, parts) {
  if (typeof value === "string") {
    if (value[0] !== "$" || value.length === 1) return null;
    const kind = value[1];
    if (kind === "n") return /^-?\d{1,300}$/.test(value.slice(2)) ? null : "a malformed BigInt";
    if (STANDALONE.has(kind)) return null;
    // Any other kind is a plain reference, "$<hex id>[:path]".
    const hex = (KINDS_WITH_ID.has(kind) ? value.slice(2) : value.slice(1)).split(":")[0];
    if (!/^[0-9a-f]{1,8}$/i.test(hex) || !parts.has(String(parseInt(hex, 16))))
      return "a reference to a part the request does not carry";
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const fault = referenceFault(item, parts);
    if (fault) return fault;
  }
  return null;
}

/** @param {string} text @param {Set<string>} parts */
function rowFault(text, parts) {
  let row;
  try {
    row = JSON.parse(text);
  } catch {
    return "The action's arguments are not valid JSON.";
  }
  const fault = referenceFault(row, parts);
  return fault ? `The action's arguments hold ${fault}.` : null;
}

/**
 * The fields and file parts of a multipart body, as busboy (what Next uses for fetch actions) reads it.
 * @param {string} contentType @param {Buffer} body
 * @returns {Promise<{ fields: Map<string, string>, parts: Set<string> }>}
 */
function readMultipart(contentType, body) {
  return new Promise((resolve, reject) => {
    const fields = new Map();
    const parts = new Set();
    const parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8" });
    parser.on("field", (name, value) => {
      fields.set(name, value);
      parts.add(name);
    });
    parser.on("file", (name, stream) => {
      parts.add(name);
      stream.resume();
    });
    parser.on("close", () => resolve({ fields, parts }));
    parser.on("error", reject);
    parser.end(body);
  });
}

/**
 * Why a server action's body cannot be decoded, or null when it can.
 * @param {{ contentType: string, body: Buffer, fetchAction: boolean }} request
 * @returns {Promise<string | null>}
 */
export async function actionPayloadFault({ contentType, body, fetchAction }) {
  const multipart = /^multipart\/form-data\b/i.test(contentType);
  if (!multipart) return fetchAction ? rowFault(body.toString("utf8"), new Set()) : null;
  if (!fetchAction) {
    // A form post (no JavaScript): Next reads it with the fetch API's FormData parser.
    try {
      await new Request("http://verity.invalid/", {
        method: "POST",
        headers: { "content-type": contentType },
        body,
      }).formData();
      return null;
    } catch {
      return "The form data is malformed.";
    }
  }
  let read;
  try {
    read = await readMultipart(contentType, body);
  } catch {
    return "The form data is malformed.";
  }
  const root = read.fields.get("0");
  if (root === undefined) return "The action's arguments are missing.";
  return rowFault(root, read.parts);
}
