/**
 * After the instance key check (so the key opening the old values is the one every instance shares): TOTP seeds and
 * webhook signing secrets still sealed directly under the instance key move under envelope encryption, in place.
 * Runs at every `verity start` and `verity worker`; when nothing is left in the old form it costs one scan of users
 * and one of webhook secrets.
 */
export async function convertSealedAtStartUp(say: (line: string) => void): Promise<void> {
  const [{ getDb }, { convertLegacySealed }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/secrets/convert-legacy-sealed"),
  ]);
  const { totpSeeds, signingSecrets, unreadable } = await convertLegacySealed(getDb());
  if (totpSeeds + signingSecrets > 0)
    say(`Moved ${totpSeeds} TOTP seed(s) and ${signingSecrets} webhook signing secret(s) under envelope encryption.`);
  if (unreadable > 0)
    say(
      `warning: ${unreadable} sealed value(s) do not open with this instance's VERITY_ENCRYPTION_KEY; left as they are`,
    );
}
