import { parseArgs } from "node:util";
import { withDatabase } from "./database";
import { ensureMigrated } from "./migrate-database";

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `verity keys rotate`: a new key-encryption key, then every organization's data keys re-wrapped under it (the
 * values are not touched). `verity keys rotate --org <slug> --data-key`: that organization's values re-encrypted
 * under a new data key; an interrupted run picks up where it stopped.
 */
export async function keysRotate(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: "string" }, "data-key": { type: "boolean" } } });
  if (!!values.org !== !!values["data-key"]) {
    process.stderr.write("verity keys rotate: --org <slug> and --data-key go together (or neither, for the KEK)\n");
    return 2;
  }
  return withDatabase(async () => {
    await ensureMigrated();
    const [{ getDb }, { keyProvider }, { rewrapDataKeys }, { rotateOrgDataKey }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/crypto/key-provider"),
      import("@/lib/crypto/rewrap-data-keys"),
      import("@/lib/secrets/rotate-org-data-key"),
    ]);
    const db = getDb();
    if (values.org) {
      const org = await db.organization.findUnique({ where: { slug: values.org }, select: { id: true } });
      if (!org) {
        process.stderr.write(`verity keys rotate: no organization "${values.org}"\n`);
        return 2;
      }
      const result = await rotateOrgDataKey(db, { orgId: org.id });
      say(
        `${values.org}: ${result.resumed ? "resumed; " : ""}${result.reencrypted} value(s) re-encrypted ` +
          `under data key ${result.dataKeyId}`,
      );
      return 0;
    }
    const provider = keyProvider();
    const before = await provider.currentKeyId();
    let kekId = before;
    try {
      kekId = await provider.introduceKey();
    } catch (error) {
      // A ring set in the environment: the operator puts the new key first; this run re-wraps under it.
      say(`No new key generated: ${(error as Error).message}.`);
    }
    // Named in the refusal of any other instance that starts without it.
    const { instanceRing, recordKeyEncryptionKeys } = await import("./instance-key-check");
    await recordKeyEncryptionKeys(db, await instanceRing());
    const { rewrapped } = await rewrapDataKeys(db);
    say(
      `key-encryption key ${kekId}${kekId === before ? " (unchanged)" : " (new)"}: ${rewrapped} data key(s) re-wrapped`,
    );
    if (kekId !== before)
      say(
        "Every other instance on this database needs this key before it next starts: copy this instance's " +
          "key-encryption-keys folder to theirs, or set VERITY_KEY_ENCRYPTION_KEYS alike everywhere.",
      );
    return 0;
  });
}
