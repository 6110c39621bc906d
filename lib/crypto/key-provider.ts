import "server-only";
import { localKeyProvider } from "./local-key-provider";

/** A data key as stored: wrapped by the key-encryption key `kekId` names. */
export type WrappedKey = { kekId: string; wrapped: string };

/**
 * Holds the key-encryption keys (KEKs) that wrap organizations' data keys; the data keys never leave Verity's
 * process unwrapped, and the KEKs never enter the database. `local` keeps them beside the instance (the
 * encryption key and keys added by rotation); a KMS provider implements the same five calls against its service
 * and is named by VERITY_KEY_PROVIDER. `context` is bound to the wrap (additional data): org and data key id.
 */
export interface KeyProvider {
  readonly name: string;
  /** The KEK new wraps use. */
  currentKeyId(): Promise<string>;
  /** Every KEK this provider can unwrap with, current first. */
  keyIds(): Promise<string[]>;
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  unwrap(key: WrappedKey, context: string): Promise<Buffer>;
  /** Makes a new KEK current (older ones stay for unwrapping); answers its id, or explains why it cannot. */
  introduceKey(): Promise<string>;
}

const providers = new Map<string, () => KeyProvider>([["local", localKeyProvider]]);

/** Where a KMS provider plugs in: `registerKeyProvider("aws-kms", () => new AwsKmsProvider(...))` at start-up. */
export function registerKeyProvider(name: string, make: () => KeyProvider) {
  providers.set(name, make);
}

let cached: KeyProvider | undefined;

export function keyProvider(): KeyProvider {
  if (cached) return cached;
  const name = process.env.VERITY_KEY_PROVIDER ?? "local";
  const make = providers.get(name);
  if (!make) throw new Error(`VERITY_KEY_PROVIDER "${name}" is not a key provider (known: ${[...providers.keys()]})`);
  return (cached = make());
}

/** Forget the provider (its key ring is re-read): after a rotation, and in tests. */
export function resetKeyProvider() {
  cached = undefined;
}
