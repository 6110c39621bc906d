import { createReadStream } from "node:fs";
import { chmod, copyFile, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
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
  };
}
