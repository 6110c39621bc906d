import { withDatabase } from "./database";
import { ensureMigrated } from "./migrate-database";

/**
 * `verity log …`: the audit log's signing keys. The private key never reaches the terminal except from
 * `generate-key`, whose whole purpose is to hand the operator a key for VERITY_LOG_SIGNING_KEY.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Publishes the current key if it is not yet (start-up: `verity start`, `verity worker`), saying so. */
export async function publishLogKeyAtStartUp(): Promise<void> {
  const [{ getDb }, { publishCurrentLogKey }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/audit/checkpoints/log-keys"),
  ]);
  const { signer, published } = await publishCurrentLogKey(getDb());
  if (published) say(`Published the audit log's signing key: ${signer.verifierKey}`);
}

export async function logGenerateKey(): Promise<number> {
  const [{ generateSignerKey }, { logOrigin }] = await Promise.all([
    import("@/lib/audit/checkpoints/note-keys"),
    import("@/lib/audit/checkpoints/log-origin"),
  ]);
  const { signerKey, verifierKey } = generateSignerKey(logOrigin());
  say(`VERITY_LOG_SIGNING_KEY=${signerKey}`);
  say(`verifier key: ${verifierKey}`);
  process.stderr.write(
    "Keep the first line secret (your secret store, never the repository); set it as VERITY_LOG_SIGNING_KEY\n" +
      "and restart Verity, which publishes the verifier key and signs with the new key from then on.\n",
  );
  return 0;
}

export function logRotateKey(): Promise<number> {
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { rotateLogKey, LogKeyFromEnvironmentError }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/audit/checkpoints/rotate-log-key"),
    ]);
    try {
      const { verifierKey, retiredFile } = await rotateLogKey(getDb());
      if (retiredFile) say(`The previous key is kept in ${retiredFile}.`);
      say("New signing key published; checkpoints are signed with it from now on. Its verifier key:");
      say(verifierKey);
      return 0;
    } catch (error) {
      if (!(error instanceof LogKeyFromEnvironmentError)) throw error;
      process.stderr.write(`verity log rotate-key: ${error.message}\n`);
      return 2;
    }
  });
}

export function logKeys(): Promise<number> {
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { listPublishedLogKeys }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/audit/checkpoints/log-keys"),
    ]);
    const keys = await listPublishedLogKeys(getDb());
    if (keys.length === 0) say("No key published yet: `verity start` publishes the log's key.");
    for (const key of keys)
      say(
        `${key.validFrom.toISOString()}  ${key.validUntil?.toISOString() ?? "current                 "}  ${key.vkey}`,
      );
    return 0;
  });
}
