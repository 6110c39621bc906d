import "server-only";
import type { LogTile } from "@/lib/audit/published/read-log-tile";

/** The latest checkpoint's signed note: it changes every few seconds, so it is never cached. */
export function signedNoteResponse(note: string): Response {
  return new Response(note, {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** A tile: a full one never changes (C2SP tlog-tiles: cache it for ever); a partial one grows with the tree. */
export function tileResponse({ bytes, full }: LogTile): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/octet-stream",
      "cache-control": full ? "public, max-age=31536000, immutable" : "no-store",
    },
  });
}

/** One vkey a line, oldest first. */
export function verifierKeysResponse(vkeys: string[]): Response {
  return new Response(vkeys.map((vkey) => `${vkey}\n`).join(""), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
