import { createReadStream } from "node:fs";
import { chmod, copyFile, mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ArchiveStore } from "./archive-store";

/**
 * The default archive: files under a directory (`.data/archive`). Each object is written to a temporary
 * name and renamed into place (a reader never sees half an object), then made read-only: a file system
 * has no retention lock, so protect the directory (or use S3 Object Lock) where deletion is a threat.
 */
export function directoryStore(root: string): ArchiveStore {
  const fileOf = (key: string) => {
    if (key.split("/").some((part) => part === "" || part === "." || part === ".."))
      throw new Error(`"${key}" is not an archive key`);
    return path.join(root, ...key.split("/"));
  };
  async function place(key: string, write: (temporary: string) => Promise<void>) {
    const target = fileOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString("hex")}.partial`;
    await write(temporary);
    await chmod(temporary, 0o444);
    await rename(temporary, target);
  }
  return {
    description: `directory ${root}`,
    putFile: (key, file) => place(key, (temporary) => copyFile(file, temporary)),
    putText: (key, text) => place(key, (temporary) => writeFile(temporary, text)),
    async read(key) {
      const file = fileOf(key);
      try {
        if (!(await stat(file)).isFile()) return null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      return createReadStream(file);
    },
    async list(prefix) {
      const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
      const start = prefix.slice(folder.length === 0 ? 0 : folder.length + 1);
      let names: string[];
      try {
        names = await readdir(folder === "" ? root : fileOf(folder));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      return names
        .filter((name) => name.startsWith(start) && !name.endsWith(".partial"))
        .map((name) => (folder === "" ? name : `${folder}/${name}`))
        .sort();
    },
    // Read-only files go too: the mode guards against a stray write, not against the purge (see above).
    delete: (key) => rm(fileOf(key), { force: true }),
    destroy: (key) => overwriteAndRemove(fileOf(key)),
    // A directory has no URLs of its own: Verity serves its objects behind signed URLs (lib/recordings/access).
    presignedUrl: async () => null,
  };
}

const ZEROS = Buffer.alloc(64 * 1024);

/**
 * Overwrites the file with zeros in place (flushed to the disk) before removing it, so its blocks do not keep the
 * bytes for whoever reads the disk next. A journaling or copy-on-write file system may still hold old blocks:
 * encrypt the volume where that matters.
 */
async function overwriteAndRemove(file: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  await chmod(file, 0o600);
  const handle = await open(file, "r+");
  try {
    for (let at = 0; at < size; at += ZEROS.length) await handle.write(ZEROS, 0, Math.min(ZEROS.length, size - at), at);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rm(file, { force: true });
}
