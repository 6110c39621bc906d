import "server-only";
import { openRecordingStore, type RecordingStore } from "./store/recording-store";

/**
 * What the recording services reach beyond the database: the object store and the environment (detector URL,
 * padding, thresholds). Tests hand in their own; the app opens the configured ones.
 */
export type RecordingDeps = {
  store?: RecordingStore;
  env?: Record<string, string | undefined>;
  now?: () => Date;
};

export async function resolveDeps(deps: RecordingDeps = {}) {
  const env = deps.env ?? process.env;
  return { store: deps.store ?? (await openRecordingStore(env)), env, now: deps.now ?? (() => new Date()) };
}
