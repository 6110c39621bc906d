import { join } from "node:path";

/**
 * Where the embedded database and the generated secrets live: VERITY_DATA_DIR, or `.data` in the working
 * directory. Its own module, so that reading a secret does not load PGlite.
 */
export function dataDir(): string {
  return process.env.VERITY_DATA_DIR ?? join(process.cwd(), ".data");
}
